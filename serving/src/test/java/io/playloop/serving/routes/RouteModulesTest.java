package io.playloop.serving.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.TestCredentials;
import io.playloop.serving.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Another part of Playloop (the dashboard) adds its routes as a module beside the API's. */
class RouteModulesTest {
  @Test
  void extraModulesAreServedBesideTheApiAndCounted() {
    RouteModule dashboard =
        (routes, context) ->
            routes.get(
                "/dashboard/ping",
                ctx ->
                    ctx.result(
                        "pong " + (context.models().current() == null ? "no-model" : "model")));
    RouteModule admin =
        (routes, context) ->
            routes.post("/admin/echo", Routes.Access.ADMIN, ctx -> ctx.result("ok"));
    try (TestCredentials credentials = TestCredentials.create("ops=admin,read");
        TestServer server =
            TestServer.start(c -> {}, credentials.settings(), List.of(dashboard, admin))) {
      var ops = TestServer.bearer(credentials.token("ops"));
      // A module's route without an access level needs the read scope.
      assertThat(server.get("/dashboard/ping").status()).isEqualTo(401);
      TestServer.Answer a = server.get("/dashboard/ping", ops);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body()).isEqualTo("pong no-model");
      assertThat(server.post("/admin/echo", "text/plain", "", Map.of()).status()).isEqualTo(401);
      assertThat(server.post("/admin/echo", "text/plain", "", ops).status()).isEqualTo(200);
      assertThat(server.get("/no/such/page-1").status()).isEqualTo(404);
      assertThat(server.get("/no/such/page-2").status()).isEqualTo(404);
      String metrics = server.get("/metrics", ops).body();
      assertThat(metrics)
          .contains("playloop_http_requests_total{method=\"GET\",route=\"/dashboard/ping\"");
      // Unknown paths share one label value: no label per path a client makes up.
      assertThat(metrics).doesNotContain("/no/such/page-1");
    }
  }
}
