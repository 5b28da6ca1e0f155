package io.playloop.jobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.Launcher;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.metrics.MetricsJob;
import io.playloop.jobs.score.ScoreJob;
import io.playloop.jobs.score.TasteWorld;
import io.playloop.jobs.train.TrainJob;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules of conf/prometheus/alerts.yml, loaded into a real Prometheus that scrapes a real
 * server (the packaged jar) after a real train and score (on a small lake world), feedback through
 * the API and a real metrics run: the rule evaluation sees every series the alerts use, with the
 * labels they select on, and the alerts whose condition holds go pending or fire.
 */
class AlertsEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void prometheusSeesTheSeriesTheAlertsUseAndTheAlertsFire() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Path lake = dir.resolve("lake");
      TasteWorld.write(new Lake(SharedSpark.get(), lake.toUri().toString()), 240, 300, 6, 7);
      TestJobs.run(
          new TrainJob(),
          Map.of("algorithms", "popularity,als", "budget", "1", "als-iterations", "4"),
          db,
          lake);
      TestJobs.run(new ScoreJob(), Map.of("candidates", "catalog"), db, lake);
      String active = query(db, "SELECT model_version FROM models WHERE status = 'active'");
      assertThat(active).as("an active model after train and score").isNotNull();

      Launcher launcher = new Launcher(dir);
      int port = freePort();
      String server = "http://127.0.0.1:" + port;
      Process serving =
          launcher.start(
              "server",
              Map.of(),
              "serve",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(port),
              "--db",
              db.url());
      Process prometheus = null;
      try {
        await(server + "/ready", Duration.ofSeconds(90));
        likeWhatWasNotServed(server, 12);
        await(db, "SELECT count(*) FROM impressions", n -> n >= 12);
        // The metrics job turns those likes into the active model's online score: 0, far below
        // its offline MRR, the condition of PlayloopOnlineScoreDrop.
        TestJobs.run(new MetricsJob(), Map.of(), db, lake);
        // A week without training, as far as the run records go: PlayloopPipelineRunTooOld.
        execute(
            db,
            "UPDATE pipeline_runs SET started_at = started_at - interval '9 days',"
                + " finished_at = finished_at - interval '9 days' WHERE job = 'train'");

        int promPort = freePort();
        String prom = "http://127.0.0.1:" + promPort;
        Path rules = launcher.root().resolve("conf/prometheus/alerts.yml");
        // Two targets of the scrape job the rules name: the server, and one that is down.
        Files.writeString(
            dir.resolve("prometheus.yml"),
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files:\n  - "
                + rules
                + "\nscrape_configs:\n  - job_name: playloop-serving\n"
                + "    static_configs:\n      - targets: [\"127.0.0.1:"
                + port
                + "\", \"127.0.0.1:"
                + freePort()
                + "\"]\n");
        prometheus =
            new ProcessBuilder(
                    "/usr/bin/prometheus",
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        await(prom + "/-/ready", Duration.ofSeconds(60));

        // The series, with the labels the rules select on.
        JsonNode up =
            awaitResult(prom, "up{job=\"playloop-serving\"}", r -> r.size() == 2, "two targets");
        assertThat(values(up)).containsExactlyInAnyOrder(0.0, 1.0);
        JsonNode offline =
            awaitResult(
                prom,
                "playloop_model_offline_mrr{status=\"active\"}",
                r -> r.size() == 1,
                "the active model's offline MRR");
        assertThat(offline.get(0).at("/metric/model_version").asText()).isEqualTo(active);
        assertThat(values(offline).get(0)).isPositive();
        awaitResult(
            prom,
            "playloop_online_score{status=\"active\"}",
            r -> r.size() == 1,
            "the active model's online score");
        awaitResult(
            prom,
            "playloop_pipeline_last_success_timestamp_seconds{pipeline_job=\"train\"}",
            r -> r.size() == 1,
            "the train run's gauge, labelled pipeline_job");
        awaitResult(
            prom,
            "playloop_pipeline_last_run_failed{pipeline_job=\"score\"} == 0",
            r -> r.size() == 1,
            "the score run's gauge");
        JsonNode poll =
            awaitResult(
                prom,
                "time() - playloop_model_poll_last_success_timestamp_seconds",
                r -> r.size() == 1,
                "the snapshot poll's timestamp");
        assertThat(values(poll).get(0)).isLessThan(600);
        assertThat(result(prom, "{exported_job=~\".+\"}"))
            .as("no label renamed on scrape")
            .isEmpty();

        // The rule evaluation: no rule in error, and the alerts whose condition holds are on.
        awaitAlert(prom, "PlayloopServerDown", "pending", Map.of());
        awaitAlert(prom, "PlayloopPipelineRunTooOld", "firing", Map.of("pipeline_job", "train"));
        awaitAlert(prom, "PlayloopOnlineScoreDrop", "pending", Map.of("model_version", active));
        JsonNode groups = get(prom + "/api/v1/rules").at("/data/groups");
        List<String> unhealthy = new ArrayList<>();
        int evaluated = 0;
        for (JsonNode g : groups) {
          for (JsonNode r : g.get("rules")) {
            evaluated++;
            if (!"ok".equals(r.get("health").asText())) {
              unhealthy.add(r.get("name").asText() + ": " + r.path("lastError").asText());
            }
          }
        }
        assertThat(evaluated).isEqualTo(9);
        assertThat(unhealthy).isEmpty();
        assertThat(alerts(prom))
            .as("the server polls its snapshot: no stale-snapshot alert")
            .noneMatch(
                a -> a.at("/labels/alertname").asText().equals("PlayloopModelSnapshotStale"));
      } finally {
        if (prometheus != null) {
          prometheus.destroy();
          prometheus.waitFor(10, TimeUnit.SECONDS);
        }
        serving.descendants().forEach(ProcessHandle::destroy);
        serving.destroy();
        serving.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Recommendations for {@code users} users, each followed by a like of a playlist that was not
   * among the five served (the model missed what they wanted).
   */
  private static void likeWhatWasNotServed(String server, int users) throws Exception {
    int liked = 0;
    for (int user = 1; liked < users && user < 240; user++) {
      HttpResponse<String> rec =
          post(server + "/api/playlist/recommend/", "{\"user_ids\":[" + user + "]}");
      assertThat(rec.statusCode()).as(rec.body()).isEqualTo(200);
      JsonNode answer = JSON.readTree(rec.body()).get(0);
      List<Integer> served = new ArrayList<>();
      answer.get("playlists").forEach(p -> served.add(p.asInt()));
      if (served.size() < 2) {
        continue;
      }
      int other = 1;
      while (served.contains(other)) {
        other++;
      }
      String body =
          "{\"user_id\":"
              + user
              + ",\"like_playlist\":"
              + other
              + ",\"other_playlists\":"
              + served
              + ",\"request_id\":\""
              + answer.get("request_id").asText()
              + "\"}";
      HttpResponse<String> fb = post(server + "/feedback", body);
      assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);
      liked++;
    }
    assertThat(liked).isEqualTo(users);
  }

  private static void awaitAlert(String prom, String name, String state, Map<String, String> labels)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<JsonNode> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = alerts(prom);
      for (JsonNode a : seen) {
        boolean match =
            a.at("/labels/alertname").asText().equals(name)
                && a.get("state").asText().equals(state);
        for (var l : labels.entrySet()) {
          match &= a.at("/labels/" + l.getKey()).asText().equals(l.getValue());
        }
        if (match) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " not " + state + " with " + labels + "; alerts: " + seen);
  }

  private static List<JsonNode> alerts(String prom) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    get(prom + "/api/v1/alerts").at("/data/alerts").forEach(out::add);
    return out;
  }

  private static JsonNode awaitResult(
      String prom, String promql, Predicate<JsonNode> done, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode r = null;
    while (System.nanoTime() < deadline) {
      r = result(prom, promql);
      if (done.test(r)) {
        return r;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(what + " (" + promql + "): " + r);
  }

  private static JsonNode result(String prom, String promql) throws Exception {
    return get(prom + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .at("/data/result");
  }

  private static List<Double> values(JsonNode result) {
    List<Double> out = new ArrayList<>();
    result.forEach(r -> out.add(Double.parseDouble(r.at("/value/1").asText())));
    return out;
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void await(String url, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(300);
    }
    throw new AssertionError(url + " not ready within " + within);
  }

  private static void await(TestDatabase db, String sql, Predicate<Long> done) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (done.test(Long.parseLong(query(db, sql)))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(sql + ": " + query(db, sql));
  }

  private static String query(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static void execute(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
