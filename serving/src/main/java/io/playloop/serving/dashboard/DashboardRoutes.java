package io.playloop.serving.dashboard;

import io.javalin.http.Context;
import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.ServerContext;
import io.playloop.serving.http.ApiException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The data-quality dashboard page, {@code GET /dashboard?from=YYYY-MM-DD&to=YYYY-MM-DD}, rendered
 * on the server from the tables the metrics job writes (default range: the 30 days up to the newest
 * metrics).
 */
public final class DashboardRoutes implements RouteModule {
  /** The longest range one page shows. */
  static final int MAX_DAYS = 800;

  @Override
  public void register(Routes routes, ServerContext context) {
    DashboardQueries queries = new DashboardQueries(context.dataSource());
    routes.get("/dashboard", Routes.Access.READ, ctx -> page(ctx, queries));
  }

  private static void page(Context ctx, DashboardQueries queries) {
    try {
      LocalDate to = date(ctx, "to");
      LocalDate from = date(ctx, "from");
      if (to == null) {
        LocalDate latest = queries.latestDay();
        to = latest == null ? LocalDate.now(ZoneOffset.UTC) : latest;
      }
      if (from == null) {
        from = to.minusDays(29);
      }
      if (from.isAfter(to)) {
        throw ApiException.badRequest("from must not be after to");
      }
      if (from.plusDays(MAX_DAYS).isBefore(to)) {
        throw ApiException.badRequest("the range may span at most " + MAX_DAYS + " days");
      }
      ctx.contentType("text/html; charset=utf-8")
          .header("Cache-Control", "no-cache")
          .result(DashboardPage.render(queries.load(from, to)));
    } catch (SQLException e) {
      throw new ApiException(503, "the dashboard cannot be read right now (database unavailable)");
    }
  }

  private static LocalDate date(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + " must be a date like 2026-03-01");
    }
  }
}
