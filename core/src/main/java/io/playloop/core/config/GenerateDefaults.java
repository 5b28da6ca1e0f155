package io.playloop.core.config;

import com.typesafe.config.Config;

/** The size and seed of a generated world when generate's options leave them out. */
public record GenerateDefaults(int users, int playlists, int songs, long seed) {
  static GenerateDefaults from(Config generate) {
    return new GenerateDefaults(
        generate.getInt("users"),
        generate.getInt("playlists"),
        generate.getInt("songs"),
        generate.getLong("seed"));
  }
}
