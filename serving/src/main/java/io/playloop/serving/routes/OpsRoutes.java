package io.playloop.serving.routes;

import io.playloop.core.api.ApiJson;
import io.playloop.core.api.ApiPaths;
import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.ServerContext;
import io.playloop.serving.http.Errors;
import io.playloop.serving.model.ServingModels;
import java.sql.Connection;
import java.sql.SQLException;

/** Operations: {@code /health}, {@code /ready}, {@code /metrics} and the admin reload. */
public final class OpsRoutes implements RouteModule {
  @Override
  public void register(Routes routes, ServerContext context) {
    routes.get(
        ApiPaths.HEALTH,
        Routes.Access.OPEN,
        ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
    routes.get(
        ApiPaths.READY,
        Routes.Access.READ,
        ctx -> {
          ServingModels models = context.models().current();
          if (models == null) {
            Errors.write(ctx, 503, "not ready: no model snapshot is loaded");
            return;
          }
          if (!databaseAnswers(context)) {
            Errors.write(ctx, 503, "not ready: the database does not answer");
            return;
          }
          ctx.contentType("application/json").result(describe("ready", models));
        });
    routes.get(
        ApiPaths.METRICS,
        Routes.Access.READ,
        ctx -> ctx.contentType(context.metrics().contentType()).result(context.metrics().scrape()));
    routes.post(
        ApiPaths.ADMIN_RELOAD,
        Routes.Access.ADMIN,
        ctx -> {
          ServingModels models;
          try {
            models = context.models().refresh();
          } catch (SQLException e) {
            Errors.write(ctx, 503, "could not read the models table (database unavailable)");
            return;
          }
          if (models == null) {
            Errors.write(ctx, 404, "no model version is active");
            return;
          }
          ctx.contentType("application/json").result(describe("serving", models));
        });
  }

  private static boolean databaseAnswers(ServerContext context) {
    try (Connection c = context.dataSource().getConnection()) {
      return c.isValid(1);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private static String describe(String status, ServingModels m) {
    StringBuilder b = new StringBuilder("{\"status\":");
    ApiJson.appendString(b, status);
    b.append(",\"model_version\":");
    ApiJson.appendString(b, m.active().version());
    b.append(",\"users\":").append(m.active().recommendations().size());
    if (m.candidate() != null) {
      b.append(",\"candidate_version\":");
      ApiJson.appendString(b, m.candidate().version());
      b.append(",\"candidate_share\":").append(m.candidateShare());
    }
    return b.append('}').toString();
  }
}
