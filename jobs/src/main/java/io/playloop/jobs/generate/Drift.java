package io.playloop.jobs.generate;

import java.io.Serializable;

/**
 * How users' tastes drift over simulated weeks: in each week from {@code firstWeek} to {@code
 * lastWeek} (inclusive), a user's main taste cluster moves with probability {@code rate}; {@code
 * weeks} is how many weeks of ground truth generate writes. A one-time step drift is firstWeek =
 * lastWeek.
 */
public record Drift(double rate, int firstWeek, int lastWeek, int weeks) implements Serializable {
  /** No drift: every week is the bootstrap world. */
  public static final Drift NONE = new Drift(0, 1, 0, 0);

  public Drift {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("the drift rate must be between 0 and 1, got " + rate);
    }
  }

  /** A drift that may move a user's taste in any week 1..weeks. */
  static Drift everyWeek(double rate, int weeks) {
    return new Drift(rate, 1, weeks, weeks);
  }

  /** Whether any library can change at all. */
  public boolean enabled() {
    return rate > 0 && weeks > 0 && firstWeek <= lastWeek && firstWeek <= weeks;
  }

  /** Whether moves can happen in {@code week}. */
  boolean movesIn(int week) {
    return week >= firstWeek && week <= lastWeek;
  }
}
