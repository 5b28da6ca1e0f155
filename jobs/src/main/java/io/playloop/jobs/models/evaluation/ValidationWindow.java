package io.playloop.jobs.models.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.playloop.jobs.UsageException;
import io.playloop.jobs.models.TrainingWindow;
import java.time.LocalDate;
import org.apache.spark.sql.Column;

/**
 * Which validation positives judge a model: those whose event falls on or after the training
 * window's first day ({@code since}; null = no window, all of them), so that model choice and the
 * gate follow recent tastes. When fewer than {@code minUsers} users have such positives, all
 * validation data is used instead: a handful of users is too noisy to choose a model by.
 */
public record ValidationWindow(LocalDate since, int minUsers) {
  /** Below this many users in the window, validation falls back to all its data. */
  public static final int DEFAULT_MIN_USERS = 200;

  public static final String MIN_USERS_OPTION = "validation-min-users";

  /** All validation data, whatever its age. */
  public static final ValidationWindow ALL = new ValidationWindow(null, 0);

  public ValidationWindow {
    if (minUsers < 0) {
      throw new IllegalArgumentException("--" + MIN_USERS_OPTION + " must not be negative");
    }
  }

  /**
   * The validation window of a training window: from its first day on. Events after {@code asOf}
   * count too: nothing is newer than today in a live loop, and a replay with an earlier as-of date
   * (the drift experiment) still validates on what its users said since the window began.
   */
  public static ValidationWindow of(TrainingWindow window, int minUsers) {
    try {
      return new ValidationWindow(window.days() == 0 ? null : window.firstDay(), minUsers);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Which rows of positives_splits (by their event time) lie inside the window. */
  public Column recent() {
    return since == null
        ? lit(true)
        : to_date(col("event_time")).geq(lit(java.sql.Date.valueOf(since)));
  }
}
