package io.playloop.serving;

import com.typesafe.config.Config;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.DbSettings;
import io.playloop.serving.model.ExplorationPolicy;
import io.playloop.serving.model.LikedPlaylists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's settings: section {@code playloop.serving} of the configuration plus the db, read
 * once at start and checked there (every default is in conf/playloop.conf).
 */
public record ServingSettings(
    String host,
    int port,
    int managementPort,
    DbSettings db,
    Auth auth,
    Tls tls,
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

  /**
   * Access control: the credentials file (null: none, loopback only), whether the hosted page's
   * reads are open to visitors, whether an anonymous like must prove it was served, and the key
   * that signs request ids (blank: random per start).
   */
  public record Auth(
      Path credentialsFile, boolean publicPage, boolean requireServed, String servedKey) {}

  /** HTTPS from a keystore (null settings: plain HTTP). */
  public record Tls(Path keystore, String password) {}

  /** Whether /metrics, /dashboard and /admin/* have their own port. */
  public boolean separateManagement() {
    return managementPort != 0;
  }

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
    if (s.hasPath("bearer-token") && !s.getString("bearer-token").isBlank()) {
      throw new IllegalArgumentException(
          "playloop.serving.bearer-token is gone: make per-client credentials with"
              + " 'playloop serve credentials add' and set playloop.serving.auth.credentials-file");
    }
    String host = host(s);
    int port = port(s, "port");
    int managementPort = port(s, "management-port");
    if (managementPort != 0 && managementPort == port) {
      throw new IllegalArgumentException(
          "playloop.serving.management-port must differ from port (0: no separate port)");
    }
    Auth auth = auth(s);
    if (auth.credentialsFile() == null && !Loopback.isLoopback(host)) {
      throw new IllegalArgumentException(
          "refusing to listen on "
              + host
              + " without credentials: set PLAYLOOP_CREDENTIALS_FILE (key"
              + " playloop.serving.auth.credentials-file) to a file made with 'playloop serve"
              + " credentials add --client NAME --scopes read,feedback --file FILE', or bind"
              + " 127.0.0.1 (--host 127.0.0.1)");
    }
    return new ServingSettings(
        host,
        port,
        managementPort,
        config.db(),
        auth,
        tls(s),
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

  private static int port(Config s, String key) {
    int port = s.getInt(key);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "playloop.serving." + key + " must be from 0 (any free port) to 65535, got " + port);
    }
    return port;
  }

  private static Auth auth(Config s) {
    Config a = s.getConfig("auth");
    Config f = s.getConfig("feedback");
    String file = a.getString("credentials-file").trim();
    Path path = null;
    if (!file.isEmpty()) {
      path = Path.of(file);
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        throw new IllegalArgumentException(
            "playloop.serving.auth.credentials-file "
                + path.toAbsolutePath()
                + " is not a readable file; make it with 'playloop serve credentials add"
                + " --client NAME --scopes read,feedback --file "
                + file
                + "'");
      }
    }
    boolean publicPage = a.getBoolean("public-page");
    boolean requireServed = f.getBoolean("require-served");
    if (publicPage && !requireServed) {
      throw new IllegalArgumentException(
          "playloop.serving.auth.public-page = true needs playloop.serving.feedback.require-served"
              + " = true: visitors' likes are accepted only for what was served to them");
    }
    String key = f.getString("served-key");
    if (!key.isEmpty() && key.length() < 32) {
      throw new IllegalArgumentException(
          "playloop.serving.feedback.served-key must be at least 32 characters (or empty for a"
              + " random key per start), got "
              + key.length());
    }
    return new Auth(path, publicPage, requireServed, key);
  }

  private static Tls tls(Config s) {
    Config t = s.getConfig("tls");
    String keystore = t.getString("keystore").trim();
    if (keystore.isEmpty()) {
      return null;
    }
    Path path = Path.of(keystore);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "playloop.serving.tls.keystore " + path.toAbsolutePath() + " is not a file");
    }
    return new Tls(path, t.getString("keystore-password"));
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
