package io.playloop.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.playloop.core.db.DbSettings;
import java.io.File;
import java.util.Map;

/** Playloop's configuration: conf/playloop.conf (shipped in the jar) under an optional file. */
public final class PlayloopConfig {
  /** Environment variable naming a deployment's own configuration file. */
  public static final String CONFIG_FILE_ENV = "PLAYLOOP_CONFIG";

  private final Config config;

  private PlayloopConfig(Config config) {
    this.config = config.getConfig("playloop");
  }

  /** The defaults, under the file named by PLAYLOOP_CONFIG if it is set. */
  public static PlayloopConfig load() {
    return load(System.getenv(CONFIG_FILE_ENV));
  }

  /** The defaults under {@code file} (null or blank: the defaults alone). */
  public static PlayloopConfig load(String file) {
    return load(file, Map.of());
  }

  /**
   * The defaults under {@code file}, under {@code overrides} (dotted paths below "playloop", such
   * as "db.url"; command-line options end up here).
   */
  public static PlayloopConfig load(String file, Map<String, ?> overrides) {
    Config defaults =
        ConfigFactory.parseResources(
            PlayloopConfig.class.getClassLoader(),
            "playloop.conf",
            ConfigParseOptions.defaults().setAllowMissing(false));
    Config layered = defaults;
    if (file != null && !file.isBlank()) {
      File f = new File(file);
      if (!f.isFile()) {
        throw new IllegalArgumentException("configuration file not found: " + f.getAbsolutePath());
      }
      layered = ConfigFactory.parseFile(f).withFallback(layered);
    }
    Config fromOverrides = ConfigFactory.empty();
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      fromOverrides =
          fromOverrides.withValue(
              "playloop." + e.getKey(),
              com.typesafe.config.ConfigValueFactory.fromAnyRef(e.getValue()));
    }
    return new PlayloopConfig(fromOverrides.withFallback(layered).resolve());
  }

  /** This configuration under {@code overrides} (dotted paths below "playloop"). */
  public PlayloopConfig with(Map<String, ?> overrides) {
    Config over = ConfigFactory.empty();
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      over =
          over.withValue(
              e.getKey(), com.typesafe.config.ConfigValueFactory.fromAnyRef(e.getValue()));
    }
    return new PlayloopConfig(over.withFallback(config).atKey("playloop"));
  }

  /**
   * The "playloop" section, for a module that types its own section (the server's ServingSettings);
   * jobs read typed accessors such as {@link #pipeline()}.
   */
  public Config raw() {
    return config;
  }

  public String lakeUri() {
    return config.getString("lake.uri");
  }

  public DbSettings db() {
    return new DbSettings(
        config.getString("db.url"), config.getString("db.user"), config.getString("db.password"));
  }

  public S3Settings s3() {
    Config s3 = config.getConfig("s3");
    return new S3Settings(
        s3.getString("endpoint"),
        s3.getString("region"),
        s3.getString("access-key"),
        s3.getString("secret-key"),
        s3.getBoolean("path-style-access"),
        s3.getBoolean("ssl-enabled"));
  }

  /** The loop's schedule and windows (playloop.pipeline); a bad value throws, naming its key. */
  public PipelineSettings pipeline() {
    return PipelineSettings.from(config.getConfig("pipeline"));
  }

  /** The generated world's size and seed when generate's options leave them out. */
  public GenerateDefaults generate() {
    return GenerateDefaults.from(config.getConfig("generate"));
  }

  public String sparkMaster() {
    return config.getString("spark.master");
  }
}
