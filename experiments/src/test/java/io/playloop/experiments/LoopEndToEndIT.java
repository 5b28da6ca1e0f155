package io.playloop.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.Launcher;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop end to end, through the launcher as a user runs it: the demo (generate, train,
 * score, serve, simulate, extract, retrain, live swap), then the scheduler on a fast schedule
 * against a running server: simulated feedback passes the retrain threshold, a cycle retrains, and
 * the server picks up the new active version.
 */
class LoopEndToEndIT {
  private static final Pattern SWAP =
      Pattern.compile("6/6 active model (\\S+) -> (\\S+); the server now answers with (\\S+)");

  @TempDir Path dir;

  @Test
  void feedbackFlowsIntoTheLakeAndRetrainedModelsGoLiveInTheRunningServer() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Launcher launcher = new Launcher(dir);
      String lake = dir.resolve("lake").toUri().toString();

      Launcher.Result demo =
          launcher.run(
              "demo",
              Map.of(),
              1500,
              "demo",
              "--users",
              "300",
              "--playlists",
              "600",
              "--rounds",
              "1",
              "--round-users",
              "80",
              "--port",
              String.valueOf(freePort()),
              "--keep-serving",
              "false",
              "--lake",
              lake,
              "--db",
              db.url());
      assertThat(demo.exitCode()).as(demo.stderr()).isZero();
      Matcher swap = SWAP.matcher(demo.stdout());
      assertThat(swap.find()).as(demo.stdout()).isTrue();
      String first = swap.group(1);
      String second = swap.group(2);
      assertThat(second).isNotEqualTo(first);
      assertThat(swap.group(3)).isEqualTo(second);
      assertThat(count(db, "SELECT count(*) FROM feedback")).isEqualTo(80);
      assertThat(
              count(
                  db,
                  "SELECT rows_out FROM pipeline_runs WHERE job = 'extract'"
                      + " AND status = 'succeeded' ORDER BY id DESC LIMIT 1"))
          .as("user-blocks extracted into the lake")
          .isPositive();
      assertThat(activeModel(db)).isEqualTo(second);

      int port = freePort();
      String url = "http://127.0.0.1:" + port;
      Process server =
          launcher.start(
              "server", Map.of(), "serve", "--port", String.valueOf(port), "--db", db.url());
      try {
        awaitServed(url, second);
        Launcher.Result pipeline =
            launcher.run(
                "pipeline",
                Map.of(),
                1500,
                "pipeline",
                "--simulate",
                "true",
                "--simulate-every",
                "5s",
                "--url",
                url,
                "--simulate-users",
                "80",
                "--window-seconds",
                "2",
                "--retrain-threshold",
                "40",
                "--tick-seconds",
                "1",
                "--max-cycles",
                "1",
                "--max-ticks",
                "60",
                "--step-options",
                "train:budget=1;score:gate-tolerance=0.02",
                "--lake",
                lake,
                "--db",
                db.url());
        assertThat(pipeline.exitCode()).as(pipeline.stderr()).isZero();
        assertThat(pipeline.stderr()).contains("cycles=1, failed_cycles=0");
        String third = activeModel(db);
        assertThat(third).isNotEqualTo(second);
        assertThat(awaitServed(url, third)).isEqualTo(third);
        assertThat(count(db, "SELECT count(*) FROM feedback")).isGreaterThan(80);
      } finally {
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        server.waitFor();
      }
    }
  }

  private static long count(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  private static String activeModel(TestDatabase db) throws Exception {
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT model_version FROM models WHERE status = 'active'")) {
      assertThat(rs.next()).as("an active model").isTrue();
      return rs.getString(1);
    }
  }

  /** Polls /recommend until it answers with {@code version}; returns the last version seen. */
  private static String awaitServed(String url, String version) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Pattern served = Pattern.compile("\"model_version\":\"([^\"]+)\"");
    String last = null;
    for (int i = 0; i < 240; i++) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/playlist/recommend/"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user_ids\":[1]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = served.matcher(r.body());
        if (r.statusCode() == 200 && m.find()) {
          last = m.group(1);
          if (last.equals(version)) {
            return last;
          }
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    return last;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
