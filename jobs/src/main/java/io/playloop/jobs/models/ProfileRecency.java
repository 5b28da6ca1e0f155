package io.playloop.jobs.models;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How much a positive counts in its user's profile by its age: a positive whose user-block has
 * batch date d weighs {@code 2^-(asOf - d) / halfLifeDays}, so after a taste moves, the few new
 * likes outweigh the many old ones while the item-item similarities still learn from all of them. A
 * half-life of 0 weighs every positive 1 (no recency).
 */
public record ProfileRecency(LocalDate asOf, double halfLifeDays) {
  public static final ProfileRecency NONE = new ProfileRecency(LocalDate.MIN, 0);

  public ProfileRecency {
    if (!(halfLifeDays >= 0) || Double.isInfinite(halfLifeDays)) {
      throw new IllegalArgumentException(
          "--profile-half-life-days must be 0 (off) or a positive number of days, got "
              + halfLifeDays);
    }
  }

  public boolean enabled() {
    return halfLifeDays > 0;
  }

  /** The weight of a positive of {@code batchDate}; a date after as-of counts as as-of. */
  public float weight(LocalDate batchDate) {
    if (!enabled()) {
      return 1f;
    }
    long age = Math.max(0, ChronoUnit.DAYS.between(batchDate, asOf));
    return (float) Math.pow(2, -age / halfLifeDays);
  }

  @Override
  public String toString() {
    return enabled()
        ? "profile positives halve in weight every " + halfLifeDays + " days before " + asOf
        : "profile positives weigh alike";
  }
}
