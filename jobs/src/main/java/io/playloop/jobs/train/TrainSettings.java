package io.playloop.jobs.train;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.ProfileRecency;
import io.playloop.jobs.models.TrainingWindow;
import io.playloop.jobs.models.evaluation.ValidationWindow;
import java.util.List;

/**
 * A train run's settings, checked.
 *
 * @param algorithms the rankers to train, each with its budgeted search
 * @param budget grid cells tried per algorithm (1: the defaults, no search)
 * @param metric the validation metric that chooses parameters and the best algorithm
 * @param evalUsers users sampled for the offline evaluation
 * @param versionPrefix model versions are {@code <prefix><timestamp>-<algorithm>}
 * @param window the user-blocks trained on
 * @param validationWindow the validation data that chooses (the window's, or all when too few)
 * @param profileRecency how much a positive counts in its user's profile by its age
 */
record TrainSettings(
    List<Algorithm<?>> algorithms,
    int budget,
    String metric,
    int evalUsers,
    String versionPrefix,
    long seed,
    TrainingWindow window,
    ValidationWindow validationWindow,
    ProfileRecency profileRecency) {}
