package io.playloop.jobs.pairing;

import io.playloop.jobs.models.TrainingWindow;
import io.playloop.jobs.models.algorithms.als.AlsParams;

/**
 * A pair-users run's settings, checked.
 *
 * @param neighbours at most this many neighbours per user
 * @param minCandidates walk neighbours until this many candidates
 * @param maxCandidates sample at most this many candidates
 * @param taste the ALS parameters of the taste vectors (--rank, --iterations)
 * @param tables LSH hash tables
 * @param bucketSize target users per LSH bucket
 * @param version the pairing's version
 */
record PairUsersSettings(
    int neighbours,
    int minCandidates,
    int maxCandidates,
    AlsParams taste,
    int tables,
    int bucketSize,
    String version,
    long seed,
    TrainingWindow window) {}
