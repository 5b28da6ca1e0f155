package io.playloop.serving;

import com.typesafe.config.Config;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.DbSettings;
import java.time.Duration;

/** The server's settings: section {@code playloop.serving} of the configuration plus the db. */
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
    Duration modelPoll) {

  /** How feedback reaches PostgreSQL. */
  public enum FeedbackCommit {
    /** A writer thread commits many requests' rows per transaction (the product's mode). */
    GROUP,
    /** One transaction per request on the request thread (the benchmark's baseline). */
    SINGLE
  }

  /** Reads {@code playloop.serving} and {@code playloop.db}. */
  public static ServingSettings from(PlayloopConfig config) {
    Config s = config.raw().getConfig("serving");
    return new ServingSettings(
        s.getString("host"),
        s.getInt("port"),
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
        FeedbackCommit.valueOf(s.getString("feedback-commit").toUpperCase(java.util.Locale.ROOT)),
        s.getBoolean("impressions-enabled"),
        positiveBytes(s, "impression-queue-bytes"),
        Duration.ofMillis(Math.max(100, (long) (s.getDouble("model-poll-seconds") * 1000))));
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
    int v = s.getInt(key);
    if (v <= 0) {
      throw new IllegalArgumentException("playloop.serving." + key + " must be positive, got " + v);
    }
    return v;
  }
}
