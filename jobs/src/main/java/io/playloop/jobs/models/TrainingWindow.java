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
