package io.playloop.jobs.generate;

import com.typesafe.config.Config;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobOptions;
import io.playloop.jobs.OptionSpec;
import io.playloop.jobs.UsageException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** generate's command-line options, their defaults (conf playloop.generate.*) and checks. */
final class GenerateOptions {
  private GenerateOptions() {}

  static List<OptionSpec> specs() {
    return List.of(
        OptionSpec.of("users", "users in the world (default: playloop.generate.users)", null),
        OptionSpec.of(
            "playlists", "playlists in the world (default: playloop.generate.playlists)", null),
        OptionSpec.of("songs", "songs in the world (default: playloop.generate.songs)", null),
        OptionSpec.of("seed", "random seed; the same seed gives the same world", null),
        OptionSpec.of("batch-date", "date of the bootstrap batch, YYYY-MM-DD", "today (UTC)"),
        OptionSpec.of("clusters", "latent taste clusters (genres); 0 = songs/400, at least 4", 0),
        OptionSpec.of("song-zipf", "Zipf exponent of song popularity inside a cluster", 0.9),
        OptionSpec.of("library-median", "median songs in a user's library", 60),
        OptionSpec.of("library-min", "fewest songs in a library", 10),
        OptionSpec.of("library-max", "most songs in a library", 400),
        OptionSpec.of("playlist-median", "median songs in a playlist", 30),
        OptionSpec.of("playlist-min", "fewest songs in a playlist", 8),
        OptionSpec.of("playlist-max", "most songs in a playlist", 150),
        OptionSpec.of("exploration-alpha", "exploration coefficient e ~ Beta(alpha, beta)", 2.0),
        OptionSpec.of("exploration-beta", "exploration coefficient e ~ Beta(alpha, beta)", 5.5),
        OptionSpec.of(
            "candidates",
            "playlists scored per user (all of them if the catalog is smaller)",
            1000),
        OptionSpec.of("random-candidates", "of the candidates, how many are uniformly random", 200),
        OptionSpec.of("postings-per-song", "playlists kept per song in the sampled index", 32),
        OptionSpec.of("like-share", "share of a user's scored candidates liked", 0.015),
        OptionSpec.of("hard-share", "hard negatives come from this top share by score", 0.2),
        OptionSpec.of("cold-share", "share of users held out as cold", 0.05),
        OptionSpec.of("owner-cap", "most playlists one user owns", 100),
        OptionSpec.of("owner-choices", "ranked owner candidates kept per playlist", 8),
        OptionSpec.of("owner-random", "random users scored as owner candidates per playlist", 32),
        OptionSpec.of("owner-postings", "users kept per song in the sampled song->users index", 8),
        OptionSpec.of("hard-negatives", "hard negatives per train positive", 2),
        OptionSpec.of("easy-negatives", "easy negatives per train positive", 2),
        OptionSpec.of("val-negatives", "negatives per validation positive", 50),
        OptionSpec.of("partitions", "Spark partitions for the per-user work; 0 = automatic", 0),
        OptionSpec.of("weeks", "simulated weeks of ground truth to write for a drifting world", 0),
        OptionSpec.of(
            "drift-rate",
            "per drift week, the probability that a user's main taste moves (0 = no drift)",
            0),
        OptionSpec.of("drift-start", "first week in which tastes can move", 1),
        OptionSpec.of(
            "drift-end",
            "last week in which tastes can move (= --drift-start: a step)",
            "--weeks"));
  }

  /** The taste drift over simulated weeks (--weeks, --drift-*); none unless asked for. */
  static Drift drift(JobOptions o) {
    int weeks = nonNegative(o, "weeks", 0);
    double rate = o.getDouble("drift-rate", 0);
    if (!(rate >= 0 && rate <= 1)) {
      throw new UsageException("--drift-rate must be between 0 and 1, got " + rate);
    }
    int start = positive(o, "drift-start", 1);
    int end = positive(o, "drift-end", Math.max(weeks, 1));
    if (rate > 0 && weeks == 0) {
      throw new UsageException("--drift-rate needs --weeks: how many weeks of truth to write");
    }
    if (start > end || end > Math.max(weeks, 1)) {
      throw new UsageException(
          "1 <= --drift-start <= --drift-end <= --weeks must hold, got "
              + start
              + ", "
              + end
              + ", "
              + weeks);
    }
    return new Drift(rate, start, end, weeks);
  }

  static GenerateSettings parse(JobOptions o, PlayloopConfig config) {
    Config g = config.raw().getConfig("generate");
    int users = positive(o, "users", g.getInt("users"));
    int playlists = positive(o, "playlists", g.getInt("playlists"));
    int songs = positive(o, "songs", g.getInt("songs"));
    long seed = o.getLong("seed", g.getLong("seed"));
    int clusters = o.getInt("clusters", 0);
    if (clusters < 0 || clusters > songs) {
      throw new UsageException(
          "--clusters must be between 0 (automatic) and --songs, got " + clusters);
    }
    if (clusters == 0) {
      clusters = Math.max(4, Math.min(songs, songs / 400));
    }
    SizeRange library = range(o, "library", 60, 10, 400, songs);
    SizeRange playlist = range(o, "playlist", 30, 8, 150, songs);
    WorldSpec world =
        new WorldSpec(
            users,
            playlists,
            songs,
            seed,
            clusters,
            positiveDouble(o, "song-zipf", 0.9),
            library,
            playlist,
            positiveDouble(o, "exploration-alpha", 2.0),
            positiveDouble(o, "exploration-beta", 5.5));
    int candidates = positive(o, "candidates", 1000);
    int randomCandidates = o.getInt("random-candidates", 200);
    if (randomCandidates < 0 || randomCandidates > candidates) {
      throw new UsageException("--random-candidates must be between 0 and --candidates");
    }
    int valNegatives = positive(o, "val-negatives", 50);
    int hardNegatives = nonNegative(o, "hard-negatives", 2);
    int easyNegatives = nonNegative(o, "easy-negatives", 2);
    int ownerCap = positive(o, "owner-cap", 100);
    if ((long) ownerCap * users < playlists) {
      throw new UsageException(
          "--owner-cap "
              + ownerCap
              + " x --users "
              + users
              + " is fewer than --playlists "
              + playlists
              + ": every playlist needs an owner; raise --owner-cap or --users");
    }
    double likeShare = share(o, "like-share", 0.015);
    // Every user needs room for its likes, its owned playlists and a validation batch.
    long needed = (long) Math.ceil(likeShare * playlists) + ownerCap + valNegatives + 4L;
    if (playlists < needed) {
      throw new UsageException(
          "--playlists "
              + playlists
              + " is too small: each user needs room for likes, owned playlists (--owner-cap "
              + ownerCap
              + ") and "
              + valNegatives
              + " validation negatives; use at least "
              + needed);
    }
    int partitions = o.getInt("partitions", 0);
    if (partitions < 0) {
      throw new UsageException("--partitions must be 0 (automatic) or more");
    }
    return new GenerateSettings(
        world,
        candidates,
        randomCandidates,
        positive(o, "postings-per-song", 32),
        likeShare,
        share(o, "hard-share", 0.2),
        coldShare(o),
        ownerCap,
        positive(o, "owner-choices", 8),
        nonNegative(o, "owner-random", 32),
        positive(o, "owner-postings", 8),
        hardNegatives,
        easyNegatives,
        valNegatives,
        batchDate(o),
        partitions);
  }

  private static LocalDate batchDate(JobOptions o) {
    String v = o.get("batch-date").orElse(null);
    if (v == null) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new UsageException("--batch-date must be a date like 2026-01-31, got '" + v + "'");
    }
  }

  private static SizeRange range(
      JobOptions o, String prefix, int median, int min, int max, int songs) {
    SizeRange r =
        new SizeRange(
            positive(o, prefix + "-min", min),
            positive(o, prefix + "-median", median),
            positive(o, prefix + "-max", max));
    if (r.min() > r.median() || r.median() > r.max()) {
      throw new UsageException(
          "--" + prefix + "-min <= --" + prefix + "-median <= --" + prefix + "-max must hold");
    }
    if (r.max() > songs) {
      throw new UsageException(
          "--" + prefix + "-max " + r.max() + " is larger than --songs " + songs);
    }
    return r;
  }

  private static int positive(JobOptions o, String name, int fallback) {
    long v = o.getLong(name, fallback);
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw new UsageException("--" + name + " must be a positive whole number, got " + v);
    }
    return (int) v;
  }

  private static int nonNegative(JobOptions o, String name, int fallback) {
    long v = o.getLong(name, fallback);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new UsageException("--" + name + " must be 0 or more, got " + v);
    }
    return (int) v;
  }

  private static double positiveDouble(JobOptions o, String name, double fallback) {
    double v = o.getDouble(name, fallback);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new UsageException("--" + name + " must be a positive number, got " + v);
    }
    return v;
  }

  private static double coldShare(JobOptions o) {
    double v = o.getDouble("cold-share", 0.05);
    if (!(v >= 0 && v < 1)) {
      throw new UsageException("--cold-share must be at least 0 and below 1, got " + v);
    }
    return v;
  }

  private static double share(JobOptions o, String name, double fallback) {
    double v = o.getDouble(name, fallback);
    if (!(v > 0 && v < 1)) {
      throw new UsageException("--" + name + " must be between 0 and 1 (exclusive), got " + v);
    }
    return v;
  }
}
