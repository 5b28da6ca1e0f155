package io.playloop.serving;

import com.typesafe.config.Config;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.DbSettings;
import io.playloop.serving.model.ExplorationPolicy;
import io.playloop.serving.model.LikedPlaylists;
import java.time.Duration;

/**
 * The server's settings: section {@code playloop.serving} of the configuration plus the db, read
 * once at start and checked there (every default is in conf/playloop.conf).
 */
public record ServingSettings(
    String host,
    int port,
    DbSettings db,
    String bearerToken,
    int maxUserIds,
    int maxOtherPlaylists,
    int maxExcludePlaylists,
    int maxBodyBytes,
    int playlistsPerUser,
    int dbPoolSize,
    int feedbackQueueCapacity,
    int feedbackMaxBatch,
    int feedbackWriters,
    FeedbackCommit feedbackCommit,
    boolean impressionsEnabled,
    long impressionQueueBytes,
    Duration modelPoll,
    LikedPlaylists.Limits liked,
    Migrate migrate,
    ExplorationPolicy explore) {

  /** How feedback reaches PostgreSQL. */
  public enum FeedbackCommit {
    /** A writer thread commits many requests' rows per transaction (the product's mode). */
    GROUP,
    /** One transaction per request on the request thread (the benchmark's baseline). */
    SINGLE
  }

  /** Whether the server runs the database migrations at start. */
  public enum Migrate {
    /** Only when no database password is set (the local demo and tests), never in production. */
    AUTO,
    ALWAYS,
    NEVER
  }

  /**
   * Whether to migrate at start: a server given database credentials (production) leaves the schema
   * to the jobs, or to an explicit {@code --migrate}, and only checks that it is current.
   */
  public boolean migrateAtStart() {
    return switch (migrate) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> db.password() == null || db.password().isEmpty();
    };
  }

  /**
   * Reads {@code playloop.serving} and {@code playloop.db}; an {@link IllegalArgumentException}
   * names the first key with a wrong value and what it must be.
   */
  public static ServingSettings from(PlayloopConfig config) {
    Config s = config.raw().getConfig("serving");
    return new ServingSettings(
        host(s),
        port(s),
        config.db(),
        s.getString("bearer-token"),
        atMost(positive(s, "max-user-ids"), 65_535, "max-user-ids"),
        positive(s, "max-other-playlists"),
        positive(s, "max-exclude-playlists"),
        positive(s, "max-body-bytes"),
        atMost(positive(s, "playlists-per-user"), 1000, "playlists-per-user"),
        positive(s, "db-pool-size"),
        positive(s, "feedback-queue-capacity"),
        positive(s, "feedback-max-batch"),
        positive(s, "feedback-writers"),
        feedbackCommit(s),
        s.getBoolean("impressions-enabled"),
        positiveBytes(s, "impression-queue-bytes"),
        modelPoll(s),
        liked(s),
        migrate(s),
        ExplorationPolicy.from(s));
  }

  private static LikedPlaylists.Limits liked(Config s) {
    Config l = s.getConfig("liked");
    int days = l.getInt("window-days");
    if (days <= 0) {
      throw new IllegalArgumentException(
          "playloop.serving.liked.window-days must be positive, got " + days);
    }
    return new LikedPlaylists.Limits(
        positive(l, "max-users", "liked."),
        positive(l, "max-per-user", "liked."),
        Duration.ofDays(days));
  }

  private static Migrate migrate(Config s) {
    String v = s.getString("migrate");
    for (Migrate m : Migrate.values()) {
      if (m.name().equalsIgnoreCase(v)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "playloop.serving.migrate must be auto, always or never, got '" + v + "'");
  }

  private static String host(Config s) {
    String host = s.getString("host").trim();
    if (host.isEmpty()) {
      throw new IllegalArgumentException(
          "playloop.serving.host must be an address to bind, such as 127.0.0.1 or 0.0.0.0");
    }
    return host;
  }

  private static int port(Config s) {
    int port = s.getInt("port");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "playloop.serving.port must be from 0 (any free port) to 65535, got " + port);
    }
    return port;
  }

  private static FeedbackCommit feedbackCommit(Config s) {
    String v = s.getString("feedback-commit");
    for (FeedbackCommit c : FeedbackCommit.values()) {
      if (c.name().equalsIgnoreCase(v)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "playloop.serving.feedback-commit must be group or single, got '" + v + "'");
  }

  private static Duration modelPoll(Config s) {
    double seconds = s.getDouble("model-poll-seconds");
    if (!(seconds >= 0.1)) {
      throw new IllegalArgumentException(
          "playloop.serving.model-poll-seconds must be at least 0.1, got " + seconds);
    }
    return Duration.ofMillis((long) (seconds * 1000));
  }

  private static int atMost(int v, int max, String key) {
    if (v > max) {
      throw new IllegalArgumentException("playloop.serving." + key + " must be at most " + max);
    }
    return v;
  }

  private static long positiveBytes(Config s, String key) {
    long v = s.getBytes(key);
    if (v <= 0) {
      throw new IllegalArgumentException("playloop.serving." + key + " must be positive, got " + v);
    }
    return v;
  }

  private static int positive(Config s, String key) {
    return positive(s, key, "");
  }

  private static int positive(Config s, String key, String section) {
    int v = s.getInt(key);
    if (v <= 0) {
      throw new IllegalArgumentException(
          "playloop.serving." + section + key + " must be positive, got " + v);
    }
    return v;
  }
}
