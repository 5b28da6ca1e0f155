package io.playloop.jobs.train;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.TrainingWindow;
import java.util.List;

/**
 * A train run's settings, checked.
 *
 * @param algorithms the rankers to train, each with its budgeted search
 * @param budget grid cells tried per algorithm (1: the defaults, no search)
 * @param metric the validation metric that chooses parameters and the best algorithm
 * @param evalUsers users sampled for the offline evaluation
 * @param versionPrefix model versions are {@code <prefix><timestamp>-<algorithm>}
 */
record TrainSettings(
    List<Algorithm<?>> algorithms,
    int budget,
    String metric,
    int evalUsers,
    String versionPrefix,
    long seed,
    TrainingWindow window) {}
