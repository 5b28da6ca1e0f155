package io.playloop.jobs.train;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.models.AlgorithmOptions;
import io.playloop.jobs.models.EvaluationOptions;
import io.playloop.jobs.models.ProfileRecency;
import io.playloop.jobs.models.TrainingWindow;
import io.playloop.jobs.models.WindowOptions;
import io.playloop.jobs.models.evaluation.ValidationOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** train's options, each declared once with its default; {@link #settings} checks them. */
final class TrainOptions implements JobCommand<TrainSettings> {
  @Mixin AlgorithmOptions algorithms;

  @Option(
      names = "--budget",
      paramLabel = "N",
      defaultValue = "3",
      description = "grid cells tried per algorithm (1 = defaults, no search)")
  int budget;

  @Option(
      names = "--metric",
      paramLabel = "NAME",
      defaultValue = "mrr",
      description = "validation metric that chooses params and the best algorithm")
  String metric;

  @Mixin EvaluationOptions evaluation;

  @Option(
      names = "--version-prefix",
      paramLabel = "PREFIX",
      defaultValue = "",
      description = "model versions are <prefix><timestamp>-<algorithm>")
  String versionPrefix;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed")
  long seed;

  @Mixin WindowOptions window;

  @Option(
      names = "--profile-half-life-days",
      paramLabel = "DAYS",
      description =
          "item models score a user from positives that halve in weight every DAYS days before"
              + " --as-of, 0 = all alike (playloop.pipeline.profile-half-life-days)")
  Double profileHalfLifeDays;

  @Mixin ValidationOptions validation;

  @Override
  public TrainSettings settings(PlayloopConfig config) {
    TrainingWindow trainingWindow = window.window(config);
    return new TrainSettings(
        algorithms.algorithms(),
        OptionChecks.positive("budget", budget),
        metric,
        evaluation.evalUsers(),
        versionPrefix,
        seed,
        trainingWindow,
        validation.of(trainingWindow),
        profileRecency(trainingWindow, config));
  }

  private ProfileRecency profileRecency(TrainingWindow trainingWindow, PlayloopConfig config) {
    double halfLife =
        profileHalfLifeDays == null ? config.pipeline().profileHalfLifeDays() : profileHalfLifeDays;
    try {
      return new ProfileRecency(trainingWindow.asOf(), halfLife);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
