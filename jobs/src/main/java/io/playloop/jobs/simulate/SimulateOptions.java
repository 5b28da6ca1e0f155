package io.playloop.jobs.simulate;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import picocli.CommandLine.Option;

/** simulate's options, each declared once with its default; {@link #settings} checks them. */
final class SimulateOptions implements JobCommand<SimulateSettings> {
  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      description = "the server's base URL")
  String url;

  @Option(
      names = "--users",
      paramLabel = "N",
      defaultValue = "100",
      description = "users to play in this run")
  int users;

  @Option(
      names = "--window-seconds",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = "spread the users' calls over this many seconds")
  double windowSeconds;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "8",
      description = "calls in flight at most")
  int concurrency;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "random seed (users picked, choices made; default: time-based)")
  Long seed;

  @Option(
      names = "--temperature",
      paramLabel = "X",
      defaultValue = "0.2",
      description = "choice model: softmax temperature on relative scores")
  double temperature;

  @Option(
      names = "--position-bias",
      paramLabel = "X",
      defaultValue = "0.3",
      description = "choice model: utility lost per log2(1+position)")
  double positionBias;

  @Option(
      names = "--noise",
      paramLabel = "X",
      defaultValue = "1.0",
      description = "choice model: weight of the Gumbel noise")
  double noise;

  @Option(
      names = "--reference-rank",
      paramLabel = "K",
      defaultValue = "" + SimulateJob.REFERENCE_RANK,
      description =
          "choice model: scores count relative to the user's k-th best playlist in the catalog,"
              + " and the user may like none (0: relative to the best one shown, always likes"
              + " one)")
  int referenceRank;

  @Option(
      names = "--like-threshold",
      paramLabel = "X",
      defaultValue = "" + SimulateJob.LIKE_THRESHOLD,
      description =
          "choice model, with --reference-rank: utility of liking nothing, on the relative scale")
  double likeThreshold;

  @Option(
      names = "--week",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "simulated week of a drifting world: users answer with their library of that week")
  int week;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "bearer token for /feedback, if the server requires one")
  String token;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "5",
      description = "attempts per call on 503 or connection errors")
  int maxAttempts;

  @Override
  public SimulateSettings settings(PlayloopConfig config) {
    OptionChecks.notNegative("reference-rank", referenceRank);
    OptionChecks.notNegative("week", week);
    ChoiceModel choice =
        new ChoiceModel(
            temperature,
            positionBias,
            noise,
            referenceRank > 0 ? likeThreshold : Double.NEGATIVE_INFINITY);
    return new SimulateSettings(
        url,
        OptionChecks.notNegative("users", users),
        OptionChecks.notNegative("window-seconds", windowSeconds),
        Math.max(1, concurrency),
        seed == null ? System.currentTimeMillis() : seed,
        choice,
        referenceRank,
        week,
        token,
        OptionChecks.positive("max-attempts", maxAttempts));
  }
}
