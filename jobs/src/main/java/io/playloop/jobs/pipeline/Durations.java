package io.playloop.jobs.pipeline;

import io.playloop.jobs.UsageException;
import java.time.Duration;

/** Parses durations written as 30s, 10m, 6h or 7d. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String option, String text) {
    if (text == null || text.length() < 2) {
      throw new UsageException("--" + option + " must look like 30s, 10m, 6h or 7d");
    }
    long amount;
    try {
      amount = Long.parseLong(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " must look like 30s, 10m, 6h or 7d, got " + text);
    }
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default ->
          throw new UsageException(
              "--" + option + " must look like 30s, 10m, 6h or 7d, got " + text);
    };
  }
}
