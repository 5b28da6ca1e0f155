package io.playloop.jobs.extract;

import java.time.LocalDate;

/**
 * An extract run's settings, checked.
 *
 * @param batchDate the batch_date of the extracted blocks
 * @param negatives negatives per positive (shown ones first, then sampled)
 * @param valNegatives negatives per validation batch
 * @param seed seed of the negative sampling
 * @param retentionDays user-blocks older than this are deleted
 * @param keepBootstrap never age out the bootstrap data
 */
record ExtractSettings(
    LocalDate batchDate,
    int negatives,
    int valNegatives,
    long seed,
    int retentionDays,
    boolean keepBootstrap) {}
