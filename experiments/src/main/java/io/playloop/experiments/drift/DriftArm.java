package io.playloop.experiments.drift;

import java.util.Map;

/**
 * One arm of the drift experiment: how training (and the user pairing) windows its data. {@code
 * windowDays} 0 is no window: everything since the bootstrap is learned from.
 */
record DriftArm(String name, int windowDays, boolean keepBootstrap) {
  /** The arm's part of database and folder names. */
  String slug() {
    return name.replace("-", "");
  }

  /** The window options of pair-users and train, as of {@code asOf}. */
  Map<String, String> windowOptions(java.time.LocalDate asOf) {
    return Map.of(
        "window-days",
        String.valueOf(windowDays),
        "keep-bootstrap",
        String.valueOf(keepBootstrap),
        "as-of",
        asOf.toString());
  }

  String describe() {
    return windowDays == 0
        ? "no window (all data since the bootstrap)"
        : windowDays
            + "-day window"
            + (keepBootstrap ? ", bootstrap kept" : ", bootstrap aged out");
  }
}
