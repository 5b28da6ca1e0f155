package io.playloop.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a management port, /metrics, /dashboard and /admin/* answer there only, protected alike. */
class ManagementPortTest {
  @Test
  void managementRoutesMoveToTheirOwnPortAndTheApiStaysOnTheMainOne() throws IOException {
    int free;
    try (ServerSocket s = new ServerSocket(0)) {
      free = s.getLocalPort();
    }
    try (TestCredentials credentials =
            TestCredentials.create("app=read,feedback", "ops=admin,read");
        TestServer server =
            TestServer.start(
                c -> {
                  Fixtures.model(c, "v1", "active", 0);
                  Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
                },
                TestCredentials.with(
                    credentials.settings(), Map.of("serving.management-port", free)),
                List.of())) {
      int management = server.server().managementPort();
      assertThat(management).isEqualTo(free).isNotEqualTo(server.port());
      var ops = TestServer.bearer(credentials.token("ops"));
      var app = TestServer.bearer(credentials.token("app"));

      for (String path : List.of("/metrics", "/dashboard")) {
        assertThat(server.get(path, ops).status()).as("main " + path).isEqualTo(404);
        assertThat(server.getAt(management, path, ops).status()).as(path).isEqualTo(200);
        assertThat(server.getAt(management, path, Map.of()).status()).as(path).isEqualTo(401);
      }
      assertThat(server.post("/admin/reload-model", "application/json", "{}", ops).status())
          .isEqualTo(404);
      assertThat(server.getAt(management, "/metrics", app).status()).isEqualTo(200);

      // The API is not on the management port, and still on the main one.
      assertThat(server.getAt(management, "/api/playlists?ids=1", app).status()).isEqualTo(404);
      assertThat(server.getAt(management, "/", Map.of()).status()).isEqualTo(404);
      assertThat(
              server
                  .post("/api/playlist/recommend/", "application/json", "{\"user_ids\":[1]}", app)
                  .status())
          .isEqualTo(200);
      // Liveness answers on both, for probes.
      assertThat(server.getAt(management, "/health", Map.of()).status()).isEqualTo(200);
      assertThat(server.get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void theManagementPortMustDifferFromTheMainPort() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TestServer.settings(
                    "jdbc:postgresql://127.0.0.1:5432/unused",
                    Map.of("serving.port", 9000, "serving.management-port", 9000)))
        .hasMessageContaining("management-port must differ from port");
  }
}
