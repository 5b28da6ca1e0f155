package io.playloop.jobs;

/** The checks options share; each failure is a UsageException naming the option. */
public final class OptionChecks {
  private OptionChecks() {}

  /**
   * A value that must be given. Checked here rather than by picocli so that an unknown option is
   * reported first, as the more likely mistake.
   */
  public static <T> T required(String name, T value) {
    if (value == null) {
      throw new UsageException("missing required option --" + name);
    }
    return value;
  }

  /** A date written YYYY-MM-DD. */
  public static java.time.LocalDate date(String name, String text) {
    try {
      return java.time.LocalDate.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new UsageException("--" + name + " must be a date like 2026-01-31, got '" + text + "'");
    }
  }

  /** "--name message, got value" as the error to throw. */
  public static UsageException bad(String name, String message, Object value) {
    return new UsageException("--" + name + " " + message + ", got " + value);
  }

  public static int positive(String name, int value) {
    if (value <= 0) {
      throw bad(name, "must be a positive whole number", value);
    }
    return value;
  }

  public static long positive(String name, long value) {
    if (value <= 0) {
      throw bad(name, "must be a positive whole number", value);
    }
    return value;
  }

  public static int notNegative(String name, int value) {
    if (value < 0) {
      throw bad(name, "must be 0 or more", value);
    }
    return value;
  }

  public static long notNegative(String name, long value) {
    if (value < 0) {
      throw bad(name, "must be 0 or more", value);
    }
    return value;
  }

  /** A finite number, 0 or more. */
  public static double notNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw bad(name, "must be 0 or more", value);
    }
    return value;
  }

  /** A positive, finite number. */
  public static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw bad(name, "must be a positive number", value);
    }
    return value;
  }

  /** A number in [0, 1]. */
  public static double probability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw bad(name, "must be between 0 and 1", value);
    }
    return value;
  }

  /** A number strictly between 0 and 1. */
  public static double share(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw bad(name, "must be between 0 and 1 (exclusive)", value);
    }
    return value;
  }
}
