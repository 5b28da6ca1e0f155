package io.playloop.jobs.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Column;

/**
 * The sliding window of training: only user-blocks of the last {@code days} days (by batch date, up
 * to {@code asOf}) are learned from, so that tastes that changed are forgotten; the bootstrap data
 * can be kept whatever its age. {@code days} 0 means no window.
 */
public record TrainingWindow(LocalDate asOf, int days, boolean keepBootstrap) {
  public static final TrainingWindow NONE = new TrainingWindow(LocalDate.MIN, 0, true);

  public TrainingWindow {
    if (days < 0) {
      throw new IllegalArgumentException("--window-days must not be negative");
    }
  }

  /** The options that set a window: train and pair-users take the same ones. */
  public static java.util.List<io.playloop.jobs.OptionSpec> options() {
    return java.util.List.of(
        io.playloop.jobs.OptionSpec.of(
            "window-days",
            "learn only from user-blocks of the last N days, 0 = all"
                + " (playloop.pipeline.window-days)",
            null),
        io.playloop.jobs.OptionSpec.of(
            "keep-bootstrap", "keep the bootstrap user-blocks whatever their age", true),
        io.playloop.jobs.OptionSpec.of(
            "as-of", "the last day of the window (YYYY-MM-DD)", "today, UTC"));
  }

  /**
   * The window of {@code --window-days --keep-bootstrap --as-of}, the days defaulting to
   * playloop.pipeline.window-days; bad values throw IllegalArgumentException or
   * DateTimeParseException.
   */
  public static TrainingWindow from(
      io.playloop.jobs.JobOptions o, io.playloop.core.config.PlayloopConfig config) {
    return new TrainingWindow(
        o.get("as-of").map(LocalDate::parse).orElse(LocalDate.now(java.time.ZoneOffset.UTC)),
        o.getInt("window-days", config.pipeline().windowDays()),
        o.getBoolean("keep-bootstrap", true));
  }

  /** The first batch date inside the window. */
  public LocalDate firstDay() {
    return asOf.minusDays(days - 1L);
  }

  /** Which user-blocks (rows of triplets_data) the window lets through. */
  public Column blocks() {
    if (days == 0) {
      return lit(true);
    }
    Column recent =
        col("batch_date")
            .between(lit(java.sql.Date.valueOf(firstDay())), lit(java.sql.Date.valueOf(asOf)));
    return keepBootstrap ? recent.or(col("source").equalTo("bootstrap")) : recent;
  }

  @Override
  public String toString() {
    return days == 0
        ? "no window"
        : days
            + " days from "
            + firstDay()
            + " to "
            + asOf
            + (keepBootstrap ? ", bootstrap kept" : ", bootstrap aged out too");
  }
}
