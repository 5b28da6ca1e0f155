package io.playloop.jobs.importer;

import io.playloop.jobs.UsageException;

/**
 * How many bad rows an import tolerates: a count ("100") or a share of data lines ("1%", "0.01").
 */
public record BadRowLimit(long count, double fraction) {

  public static BadRowLimit parse(String value) {
    String v = value.trim();
    try {
      if (v.endsWith("%")) {
        return ofFraction(Double.parseDouble(v.substring(0, v.length() - 1)) / 100.0, value);
      }
      if (v.contains(".")) {
        return ofFraction(Double.parseDouble(v), value);
      }
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new UsageException("--max-bad-rows must not be negative, got '" + value + "'");
      }
      return new BadRowLimit(n, -1);
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--max-bad-rows must be a count (100), a fraction (0.01) or a percentage (1%), got '"
              + value
              + "'");
    }
  }

  private static BadRowLimit ofFraction(double f, String value) {
    if (f < 0 || f > 1) {
      throw new UsageException(
          "--max-bad-rows fraction must be between 0 and 1, got '" + value + "'");
    }
    return new BadRowLimit(-1, f);
  }

  /** Whether {@code bad} of {@code lines} data lines is more than allowed. */
  public boolean exceeded(long bad, long lines) {
    if (fraction >= 0) {
      return lines > 0 && (double) bad / lines > fraction;
    }
    return bad > count;
  }

  @Override
  public String toString() {
    return fraction >= 0 ? (fraction * 100) + "%" : Long.toString(count);
  }
}
