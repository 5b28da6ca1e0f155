package io.playloop.core.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The loop's schedule and windows (section playloop.pipeline), read once and checked.
 *
 * @param simulateEveryMinutes how often the simulator plays users against the server
 * @param retrainEveryDays how often a retraining cycle runs at the latest
 * @param retrainThreshold new feedback since the last training that starts a cycle early; 0: never
 * @param windowDays training learns from the user-blocks of the last this many days; 0: all
 * @param retentionDays extracted feedback older than this many days leaves the lake; 0: never
 * @param profileHalfLifeDays item models score a user from positives that halve in weight every
 *     this many days (recent tastes first); 0: every positive weighs alike
 */
public record PipelineSettings(
    int simulateEveryMinutes,
    int retrainEveryDays,
    long retrainThreshold,
    int windowDays,
    int retentionDays,
    double profileHalfLifeDays) {

  public PipelineSettings {
    positive("simulate-every-minutes", simulateEveryMinutes);
    positive("retrain-every-days", retrainEveryDays);
    notNegative("retrain-threshold", retrainThreshold);
    notNegative("window-days", windowDays);
    notNegative("retention-days", retentionDays);
    if (!(profileHalfLifeDays >= 0) || Double.isInfinite(profileHalfLifeDays)) {
      throw new IllegalArgumentException(
          "playloop.pipeline.profile-half-life-days must be 0 or a positive number, got "
              + profileHalfLifeDays);
    }
  }

  /** The settings of a "pipeline" section. */
  static PipelineSettings from(Config pipeline) {
    return new PipelineSettings(
        pipeline.getInt("simulate-every-minutes"),
        pipeline.getInt("retrain-every-days"),
        pipeline.getLong("retrain-threshold"),
        pipeline.getInt("window-days"),
        pipeline.getInt("retention-days"),
        pipeline.getDouble("profile-half-life-days"));
  }

  public Duration simulateEvery() {
    return Duration.ofMinutes(simulateEveryMinutes);
  }

  public Duration retrainEvery() {
    return Duration.ofDays(retrainEveryDays);
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          "playloop.pipeline." + key + " must be a positive whole number, got " + value);
    }
  }

  private static void notNegative(String key, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "playloop.pipeline." + key + " must be 0 or more, got " + value);
    }
  }
}
