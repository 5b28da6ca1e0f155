package io.playloop.jobs.models.evaluation;

import io.playloop.jobs.models.TrainingWindow;
import picocli.CommandLine.Option;

/**
 * How many recent users validation needs before it follows the window; train and score mix it in.
 */
public final class ValidationOptions {
  @Option(
      names = "--" + ValidationWindow.MIN_USERS_OPTION,
      paramLabel = "N",
      defaultValue = "" + ValidationWindow.DEFAULT_MIN_USERS,
      description =
          "validate on the training window's positives only when at least this many users have"
              + " some, else on all validation data")
  int minUsers;

  /** The validation window that follows {@code window}. */
  public ValidationWindow of(TrainingWindow window) {
    return ValidationWindow.of(window, minUsers);
  }
}
