package io.playloop.jobs.score;

/** The promotion gate: a candidate goes live only if it is not worse than the active version. */
public final class Gate {
  private Gate() {}

  /** Whether to promote, and why (the job prints it). */
  public record Decision(boolean promote, String reason) {}

  /** The strict gate: the candidate must score at least what the active version scores. */
  public static Decision decide(
      String metric,
      String candidateVersion,
      double candidate,
      String activeVersion,
      double active) {
    return decide(metric, candidateVersion, candidate, activeVersion, active, 0);
  }

  /**
   * The active version cannot be compared: this lake has no model by its name (its files were
   * removed, or it was trained on another lake that shares the database). Nothing can be served
   * from it again or rolled back to, so the candidate becomes active, and the reason says so.
   */
  public static Decision activeNotInLake(
      String metric, String candidateVersion, double candidate, String activeVersion, String lake) {
    return new Decision(
        true,
        String.format(
            "the active version %s is not in the lake %s (removed, or trained on another lake that"
                + " shares this database): not comparable; %s becomes active (%s %.4f)",
            activeVersion, lake, candidateVersion, metric, candidate));
  }

  /**
   * Compares both versions' {@code metric} on the same validation data; {@code activeVersion} null
   * means nothing is active yet. A candidate within {@code tolerance} below the active version
   * counts as not worse (differences that small are noise on small validation sets).
   */
  public static Decision decide(
      String metric,
      String candidateVersion,
      double candidate,
      String activeVersion,
      double active,
      double tolerance) {
    if (activeVersion == null) {
      return new Decision(
          true,
          String.format(
              "no version is active; %s becomes active (%s %.4f)",
              candidateVersion, metric, candidate));
    }
    if (activeVersion.equals(candidateVersion)) {
      return new Decision(
          true, candidateVersion + " is already the active version; rows refreshed");
    }
    String within = tolerance > 0 ? String.format(" (tolerance %.4f)", tolerance) : "";
    if (candidate < active && candidate >= active - tolerance) {
      return new Decision(
          true,
          String.format(
              "%s passes the gate: %s %.4f is within the tolerance %.4f of active %s's %.4f on"
                  + " the current validation data",
              candidateVersion, metric, candidate, tolerance, activeVersion, active));
    }
    if (candidate >= active) {
      return new Decision(
          true,
          String.format(
              "%s passes the gate: %s %.4f >= active %s's %.4f on the current validation data",
              candidateVersion, metric, candidate, activeVersion, active));
    }
    return new Decision(
        false,
        String.format(
            "%s stays a candidate: %s %.4f < active %s's %.4f on the current validation data%s",
            candidateVersion, metric, candidate, activeVersion, active, within));
  }
}
