package io.playloop.serving.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import io.playloop.core.db.TestDatabase;
import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.PlayloopServer;
import io.playloop.serving.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The database role the migrations create for the server, playloop_serving: a login in it can run
 * the whole server (read the model, log impressions, store feedback, show the dashboard), and can
 * neither create, drop, alter nor empty a table, nor change a row it did not insert.
 */
class ServingRoleTest {
  @Test
  void theServingRoleServesAndStoresFeedbackButCannotChangeTheSchema() throws Exception {
    String login = "playloop_server_" + UUID.randomUUID().toString().substring(0, 8);
    try (TestDatabase db = TestDatabase.create()) {
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        Fixtures.model(c, "v1", "active", 0);
        Fixtures.recommendations(c, "v1", Map.of(1, new int[] {11, 12, 13, 14, 15, 16}));
        Fixtures.popular(c, "v1", 21, 22, 23, 24, 25);
        st.execute("CREATE ROLE " + login + " LOGIN IN ROLE playloop_serving");
      }
      try {
        // A password makes this a production server: it does not migrate, it only checks.
        try (PlayloopServer server =
            PlayloopServer.start(
                TestServer.settings(
                    db.url(), Map.of("db.user", login, "db.password", "checked-by-pg_hba")))) {
          String base = "http://127.0.0.1:" + server.port();
          assertThat(get(base + "/ready").statusCode()).isEqualTo(200);
          HttpResponse<String> rec = post(base + "/api/playlist/recommend/", "{\"user_ids\":[1]}");
          assertThat(rec.statusCode()).isEqualTo(200);
          assertThat(rec.body()).contains("11");
          String feedback =
              "{\"user_id\":1,\"like_playlist\":11,\"other_playlists\":[12,13],"
                  + "\"request_id\":\"r-1\"}";
          assertThat(post(base + "/feedback", feedback).statusCode()).isEqualTo(200);
          assertThat(post(base + "/feedback", feedback).statusCode()).isEqualTo(200);
          assertThat(get(base + "/dashboard").statusCode()).isEqualTo(200);
          Eventually.within(
              Duration.ofSeconds(10),
              "an impression logged",
              () -> count(db, "SELECT count(*) FROM impression_batches") > 0);
        }
        assertThat(count(db, "SELECT count(*) FROM feedback")).isEqualTo(1);

        DbSettings asServer = new DbSettings(db.url(), login, "");
        for (String ddlOrChange :
            List.of(
                "CREATE TABLE stolen (id int)",
                "DROP TABLE feedback",
                "ALTER TABLE feedback ADD COLUMN x int",
                "TRUNCATE feedback",
                "DELETE FROM feedback",
                "UPDATE models SET status = 'retired'",
                "INSERT INTO models (model_version, algorithm) VALUES ('x', 'y')",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                "SELECT playloop_grant_serving()")) {
          try (Connection c = Database.connect(asServer);
              Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(ddlOrChange))
                .as(ddlOrChange)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
          }
        }
        assertThat(count(db, "SELECT count(*) FROM feedback")).isEqualTo(1);
      } finally {
        db.close();
        try (Connection c = Database.connect(db.settings().maintenance());
            Statement st = c.createStatement()) {
          st.execute("DROP ROLE IF EXISTS " + login);
        }
      }
    }
  }

  @Test
  void theDocumentedScriptMakesALoginInTheServingRoleWithThePasswordFromTheEnvironment()
      throws Exception {
    String login = "playloop_server_" + UUID.randomUUID().toString().substring(0, 8);
    try (TestDatabase db = TestDatabase.create()) {
      try {
        for (int run = 1; run <= 2; run++) { // a second run updates the login
          ProcessBuilder psql =
              new ProcessBuilder(
                      "psql",
                      "-h",
                      "127.0.0.1",
                      "-U",
                      db.settings().user(),
                      "-d",
                      db.settings().databaseName(),
                      "-v",
                      "server_user=" + login,
                      "-f",
                      "../conf/postgres/serving-role.sql")
                  .redirectErrorStream(true);
          psql.environment().put("PLAYLOOP_DB_PASSWORD", "s3cret-" + run);
          Process p = psql.start();
          String out = new String(p.getInputStream().readAllBytes());
          assertThat(p.waitFor()).as(out).isZero();
          assertThat(out).doesNotContain("s3cret");
        }
        assertThat(
                count(
                    db,
                    "SELECT count(*) FROM pg_roles WHERE rolname = '"
                        + login
                        + "' AND rolcanlogin AND pg_has_role('"
                        + login
                        + "', 'playloop_serving', 'member')"))
            .isEqualTo(1);
        assertThat(
                count(
                    db,
                    "SELECT count(*) FROM pg_authid WHERE rolname = '"
                        + login
                        + "' AND rolpassword IS NOT NULL"))
            .isEqualTo(1);
      } finally {
        db.close();
        try (Connection c = Database.connect(db.settings().maintenance());
            Statement st = c.createStatement()) {
          st.execute("DROP ROLE IF EXISTS " + login);
        }
      }
    }
  }

  private static long count(TestDatabase db, String sql) {
    try (Connection c = db.connect();
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
