package io.playloop.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.DatabaseUnavailableException;
import io.playloop.core.db.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Migrations are not run silently by a production server (one given a database password): it
 * refuses an out-of-date schema and says how to migrate; {@code --migrate} (serving.migrate =
 * always) runs them; a local server without a password (the demo, tests) still migrates itself.
 */
class MigrationAtStartTest {
  @Test
  void aServerWithDatabaseCredentialsDoesNotMigrateAndSaysHow() {
    try (TestDatabase db = TestDatabase.createEmpty()) {
      ServingSettings production =
          TestServer.settings(db.url(), Map.of("db.password", "from-the-environment"));
      assertThat(production.migrateAtStart()).isFalse();
      assertThatThrownBy(() -> PlayloopServer.start(production).close())
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("not migrated")
          .hasMessageContaining("pending: V1, V2, V3")
          .hasMessageContaining("--migrate");
      assertThat(tables(db)).isZero();

      ServingSettings migrating =
          TestServer.settings(
              db.url(), Map.of("db.password", "from-the-environment", "serving.migrate", "always"));
      try (PlayloopServer server = PlayloopServer.start(migrating)) {
        assertThat(server.port()).isPositive();
      }
      assertThat(tables(db)).isPositive();
      // Now current: the production server starts without migrating.
      PlayloopServer.start(production).close();
    }
  }

  @Test
  void aLocalServerWithoutPasswordMigratesItself() {
    try (TestDatabase db = TestDatabase.createEmpty()) {
      ServingSettings local = TestServer.settings(db.url(), Map.of());
      assertThat(local.migrateAtStart()).isTrue();
      PlayloopServer.start(local).close();
      assertThat(tables(db)).isPositive();
      ServingSettings never = TestServer.settings(db.url(), Map.of("serving.migrate", "never"));
      assertThat(never.migrateAtStart()).isFalse();
    }
  }

  @Test
  void theMigrateFlagAndABadValueOfTheKey() {
    ServerMain main = new ServerMain(new PrintWriter(new StringWriter()));
    new picocli.CommandLine(main).parseArgs("--migrate");
    assertThat(main.overrides()).containsEntry("serving.migrate", "always");
    assertThatThrownBy(
            () ->
                TestServer.settings(
                    "jdbc:postgresql://x/y", Map.of("serving.migrate", "sometimes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("playloop.serving.migrate must be auto, always or never");
  }

  private static long tables(TestDatabase db) {
    try (Connection c = db.connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                        + " AND tablename = 'feedback'")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
