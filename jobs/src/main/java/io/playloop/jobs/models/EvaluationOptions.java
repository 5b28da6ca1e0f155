package io.playloop.jobs.models;

import io.playloop.jobs.OptionChecks;
import picocli.CommandLine.Option;

/** How many users an offline evaluation samples; train and score's gate mix it in. */
public final class EvaluationOptions {
  @Option(
      names = "--eval-users",
      paramLabel = "N",
      defaultValue = "2000",
      description = "users sampled for the offline evaluation")
  int evalUsers;

  /** The checked number of users. */
  public int evalUsers() {
    return OptionChecks.positive("eval-users", evalUsers);
  }
}
