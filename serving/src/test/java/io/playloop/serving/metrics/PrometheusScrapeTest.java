package io.playloop.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playloop.core.db.PipelineRuns;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.OfflineMetrics;
import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's prometheus, configured from conf/prometheus.yml, scrapes the running server. */
class PrometheusScrapeTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void prometheusScrapesTheServersMetrics(@TempDir Path dir) throws Exception {
    try (TestServer server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
            })) {
      assertThat(server.postJson("/api/playlist/recommend/", "{\"user_ids\":[1]}").status())
          .isEqualTo(200);
      // Written by the registry's and the run records' own code, as train and the runner do.
      new ModelRegistry(server.db().settings())
          .registerCandidate(
              "v1",
              "ease",
              Map.of(),
              OfflineMetrics.trained(
                  Map.of("mrr", 0.42), Map.of(), "mrr", true, 1, "all", List.of()),
              Map.of());
      PipelineRuns runs = new PipelineRuns(server.db().settings());
      runs.fail(runs.start("train"), "no validation batches");
      String shipped = Files.readString(Path.of("..", "conf", "prometheus.yml"));
      assertThat(shipped).contains("localhost:8080");
      Path rules = Path.of("..", "conf", "prometheus", "alerts.yml").toAbsolutePath().normalize();
      String config =
          shipped
              .replace("localhost:8080", "127.0.0.1:" + server.port())
              .replace("- prometheus/alerts.yml", "- " + rules)
              .replace("scrape_interval: 5s", "scrape_interval: 1s");
      Path configFile = dir.resolve("prometheus.yml");
      Files.writeString(configFile, config);
      int port = freePort();
      Process prometheus =
          new ProcessBuilder(
                  "/usr/bin/prometheus",
                  "--config.file=" + configFile,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      try {
        String base = "http://127.0.0.1:" + port;
        Eventually.within(
            Duration.ofSeconds(60),
            "prometheus reports the server up",
            () -> value(base, "up{job=\"playloop-serving\"}") == 1.0);
        Eventually.within(
            Duration.ofSeconds(30),
            "a playloop metric scraped",
            () ->
                value(
                        base,
                        "sum(playloop_http_requests_total{route=\"/api/playlist/recommend/\","
                            + "status=\"200\"})")
                    >= 1.0);
        assertThat(value(base, "playloop_model_active{model_version=\"v1\"}")).isEqualTo(1.0);
        // The series the alert rules use arrive under the names and labels the rules expect:
        // pipeline_job is kept as is (a scraped label named job would become exported_job).
        Eventually.within(
            Duration.ofSeconds(30),
            "the loop's gauges scraped",
            () ->
                value(base, "playloop_model_offline_mrr{model_version=\"v1\",status=\"active\"}")
                        == 0.42
                    && value(
                            base,
                            "playloop_pipeline_last_run_failed{pipeline_job=\"train\","
                                + "job=\"playloop-serving\"}")
                        == 1.0
                    && value(base, "time() - playloop_model_poll_last_success_timestamp_seconds")
                        < 60);
        assertThat(value(base, "count(playloop_pipeline_last_run_failed{exported_job!=\"\"})"))
            .isNaN();
        // The alert rules the configuration names are loaded too.
        String groups = get(base + "/api/v1/rules");
        assertThat(groups)
            .contains(
                "PlayloopServingErrorRate",
                "PlayloopFeedbackStalled",
                "PlayloopServerDown",
                "PlayloopModelSnapshotStale");
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly().waitFor();
        }
      }
    }
  }

  /** The first sample's value of an instant query, or NaN when there is none yet. */
  private double value(String base, String query) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          base
                              + "/api/v1/query?query="
                              + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Double.NaN;
      }
      JsonNode result = TestServer.JSON.readTree(r.body()).path("data").path("result");
      if (result.size() == 0) {
        return Double.NaN;
      }
      return Double.parseDouble(result.get(0).path("value").get(1).asText());
    } catch (IOException e) {
      return Double.NaN; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  private String get(String url) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
