package io.playloop.jobs.benchmark;

import io.playloop.jobs.importer.BadRowLimit;
import io.playloop.jobs.importer.InteractionsFormat;
import io.playloop.jobs.models.Algorithm;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark run's settings, checked.
 *
 * @param input the interactions file
 * @param format its layout
 * @param badRows unparsable rows tolerated
 * @param seeds how many random splits to average over
 * @param out where the report JSON goes, or null
 * @param budget at most this many grid cells per algorithm
 * @param blend whether a blend of ease and als is benchmarked too
 */
record BenchmarkSettings(
    Path input,
    InteractionsFormat format,
    BadRowLimit badRows,
    int seeds,
    String out,
    List<Algorithm<?>> algorithms,
    int budget,
    boolean blend) {}
