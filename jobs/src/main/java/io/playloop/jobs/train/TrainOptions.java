package io.playloop.jobs.train;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Algorithms;
import io.playloop.jobs.models.EvaluationOptions;
import io.playloop.jobs.models.WindowOptions;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** train's options, each declared once with its default; {@link #settings} checks them. */
final class TrainOptions implements JobCommand<TrainSettings> {
  @Option(
      names = "--algorithms",
      paramLabel = "LIST",
      defaultValue = "popularity,als,ease,bpr",
      description = "comma-separated: popularity, als, ease, bpr")
  String algorithms;

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

  @Option(
      names = "--als-iterations",
      paramLabel = "N",
      description = "override ALS iterations in every grid cell")
  Integer alsIterations;

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

  @Override
  public TrainSettings settings(PlayloopConfig config) {
    List<Algorithm<?>> named = Algorithms.named(Arrays.asList(algorithms.split(",")));
    if (alsIterations != null) {
      named =
          Algorithms.withAlsIterations(
              named, OptionChecks.positive("als-iterations", alsIterations));
    }
    return new TrainSettings(
        named,
        OptionChecks.positive("budget", budget),
        metric,
        evaluation.evalUsers(),
        versionPrefix,
        seed,
        window.window(config));
  }
}
