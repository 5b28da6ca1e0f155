package io.playloop.serving.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {
  @Test
  void becomesReadyOnceAModelIsActiveAndServesMetrics() {
    try (TestServer server = TestServer.start(c -> {})) {
      assertThat(server.get("/health").status()).isEqualTo(200);
      assertThat(server.get("/health").json().get("status").asText()).isEqualTo("ok");
      TestServer.Answer notReady = server.get("/ready");
      assertThat(notReady.status()).isEqualTo(503);
      assertThat(notReady.json().get("error").asText()).contains("no model");
      TestServer.Answer noModel = server.postJson("/api/playlist/recommend/", "{\"user_ids\":[1]}");
      assertThat(noModel.status()).isEqualTo(503);
      assertThat(noModel.json().get("error").asText()).contains("no model is active");

      server.sql(
          c -> {
            Fixtures.model(c, "m-7", "active", 0);
            Fixtures.recommendations(c, "m-7", Map.of(3, new int[] {9, 8, 7, 6, 5}));
            Fixtures.popular(c, "m-7", 1, 2, 3, 4, 5);
          });
      Eventually.within(
          Duration.ofSeconds(10), "ready", () -> server.get("/ready").status() == 200);
      assertThat(server.get("/ready").json().get("model_version").asText()).isEqualTo("m-7");
      assertThat(server.postJson("/api/playlist/recommend/", "{\"user_ids\":[3]}").status())
          .isEqualTo(200);
      TestServer.Answer reload =
          server.post("/admin/reload-model", "application/json", "{}", Map.of());
      assertThat(reload.status()).isEqualTo(200);
      assertThat(reload.json().get("users").intValue()).isEqualTo(1);

      TestServer.Answer metrics = server.get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.contentType()).startsWith("text/plain");
      assertThat(metrics.body())
          .contains(
              "playloop_http_requests_total{method=\"POST\",route=\"/api/playlist/recommend/\",status=\"200\"}",
              "playloop_http_requests_total{method=\"POST\",route=\"/api/playlist/recommend/\",status=\"503\"}",
              "playloop_http_request_duration_seconds_bucket{",
              "playloop_model_active{model_version=\"m-7\",role=\"active\"} 1.0",
              "playloop_snapshot_users{model_version=\"m-7\"} 1.0",
              "playloop_snapshot_load_seconds{model_version=\"m-7\"}",
              "playloop_snapshot_bytes{",
              "playloop_unavailable_total{reason=\"no_model\"",
              "playloop_feedback_commits_total",
              "playloop_feedback_batch_size_bucket",
              "playloop_impressions_dropped_total",
              "playloop_popularity_fallbacks_total",
              "jvm_memory_used_bytes");
    }
  }
}
