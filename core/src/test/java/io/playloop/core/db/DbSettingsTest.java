package io.playloop.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DbSettingsTest {
  @Test
  void anotherDatabaseKeepsServerUserAndParameters() {
    DbSettings db =
        new DbSettings("jdbc:postgresql://h:5433/playloop?sslmode=disable", "u", "secret");
    DbSettings other = db.withDatabase("playloop_window");
    assertThat(other.url()).isEqualTo("jdbc:postgresql://h:5433/playloop_window?sslmode=disable");
    assertThat(other.databaseName()).isEqualTo("playloop_window");
    assertThat(other.user()).isEqualTo("u");
    assertThat(other.password()).isEqualTo("secret");
    assertThat(db.maintenance().url())
        .isEqualTo("jdbc:postgresql://h:5433/postgres?sslmode=disable");
    assertThat(new DbSettings("jdbc:postgresql://h/playloop", "u", "").maintenance().url())
        .isEqualTo("jdbc:postgresql://h/postgres");
  }
}
