package io.playloop.core.registry;

import java.time.LocalDate;

/**
 * Which validation data judged a model: the positives from {@code since} on (the training window's
 * first day; null when training had no window), the event dates they actually span ({@code from} to
 * {@code to}, null when there were none), how many users they cover, and whether the window held
 * too few users so that all validation data was used instead ({@code fallback}).
 */
public record ValidationScope(
    LocalDate since, LocalDate from, LocalDate to, long users, boolean fallback) {

  public ValidationScope {
    if (users < 0) {
      throw new IllegalArgumentException("users must not be negative, got " + users);
    }
  }

  /** Whether the figures come from the window alone (a window was asked for and held enough). */
  public boolean windowed() {
    return since != null && !fallback;
  }

  /** One line for logs and run details. */
  public String describe() {
    String span = from == null ? "no positives" : "positives of " + from + " to " + to;
    if (since == null) {
      return "all validation data (" + span + ", " + users + " users)";
    }
    if (fallback) {
      return "all validation data ("
          + span
          + ", "
          + users
          + " users): too few users since "
          + since;
    }
    return "validation since " + since + " (" + span + ", " + users + " users)";
  }
}
