package io.playloop.jobs.benchmark;

import io.playloop.jobs.importer.BadRowLimit;
import io.playloop.jobs.models.Algorithm;
import java.util.List;
import java.util.Optional;

/**
 * A benchmark run's settings, checked: either {@code input} (holdout protocol) or {@code train} and
 * {@code test} (a published split, {@code validation} optional).
 *
 * @param input the interactions file of the holdout protocol
 * @param train a published split's train file
 * @param test a published split's test file
 * @param validation a published split's validation file (empty: carved from train)
 * @param format the files' layout (movielens, lastfm, csv or adjacency)
 * @param badRows unparsable rows tolerated
 * @param ks the cut-offs every metric is reported at
 * @param seeds how many random splits to average over
 * @param out where the report JSON goes, or null
 * @param budget at most this many grid cells per algorithm
 * @param blend whether a blend of ease and als is benchmarked too
 * @param validationUsers users sampled from validation for choosing (0: all)
 */
record BenchmarkSettings(
    Optional<String> input,
    Optional<String> train,
    Optional<String> test,
    Optional<String> validation,
    String format,
    BadRowLimit badRows,
    int[] ks,
    int seeds,
    String out,
    List<Algorithm<?>> algorithms,
    int budget,
    boolean blend,
    int validationUsers) {}
