package io.playloop.experiments.drift;

import io.playloop.jobs.score.CandidateSource;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One arm of the drift experiment: whether tastes drift in its world, how training (and the user
 * pairing and the gate's validation) windows its data, and how much serving explores. {@code
 * windowDays} 0 is no window (everything since the bootstrap); {@code exploreShare} 0 is no
 * exploration; {@code exploreFollowsLikes}: the first explored slot follows the user's newest like
 * (serving.explore.follow-newest-like); {@code profileHalfLifeDays} 0 weighs every positive alike
 * in a user's profile; {@code algorithms} null trains the experiment's common list.
 */
record DriftArm(
    String name,
    boolean drift,
    int windowDays,
    boolean keepBootstrap,
    double exploreShare,
    int exploreSlots,
    boolean exploreFollowsLikes,
    String candidates,
    double profileHalfLifeDays,
    String algorithms) {

  /** The arm's part of database and folder names. */
  String slug() {
    return name.replace("-", "");
  }

  /** The window options of pair-users, train and score, as of {@code asOf}. */
  Map<String, String> windowOptions(LocalDate asOf) {
    return Map.of(
        "window-days",
        String.valueOf(windowDays),
        "keep-bootstrap",
        String.valueOf(keepBootstrap),
        "as-of",
        asOf.toString());
  }

  /** The server's configuration keys that set its exploration (0 share: none). */
  Map<String, Object> servingConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("serving.explore.share", exploreShare);
    config.put("serving.explore.slots", exploreSlots);
    config.put("serving.explore.follow-newest-like", exploreFollowsLikes);
    return config;
  }

  String describe() {
    String window =
        windowDays == 0
            ? "no window (all data since the bootstrap)"
            : windowDays
                + "-day window"
                + (keepBootstrap ? ", bootstrap kept" : ", bootstrap aged out");
    String explore =
        exploreShare == 0
            ? "no exploration"
            : String.format(
                Locale.ROOT,
                "exploration: %d slot(s) in %.0f%% of requests%s",
                exploreSlots,
                exploreShare * 100,
                exploreFollowsLikes ? ", the first following the newest like" : "");
    return (drift ? "drift" : "no drift")
        + "; "
        + window
        + "; "
        + explore
        + (candidates.equals(CandidateSource.AUTO) ? "" : "; score's candidates: " + candidates)
        + (profileHalfLifeDays == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "; profiles from positives halving in weight every %s days",
                profileHalfLifeDays))
        + (algorithms == null ? "" : "; algorithms " + algorithms);
  }
}
