package io.playloop.serving.routes;

import io.javalin.http.Context;
import io.playloop.core.api.ApiJson;
import io.playloop.core.api.ApiPaths;
import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.ServerContext;
import io.playloop.serving.http.ApiException;
import io.playloop.serving.http.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The hosted page (static HTML, JS and CSS from the classpath, no build step) and the catalog route
 * it uses for names and owners: {@code GET /api/playlists?ids=1,2,3}.
 */
public final class PageRoutes implements RouteModule {
  /** Most ids one catalog request may ask for. */
  public static final int MAX_IDS = 100;

  private static final Map<String, String> ASSETS =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "style.css", "text/css; charset=utf-8");

  @Override
  public void register(Routes routes, ServerContext context) {
    Map<String, byte[]> assets = new java.util.HashMap<>();
    for (String name : ASSETS.keySet()) {
      assets.put(name, resource("page/" + name));
    }
    routes.get("/", Routes.Access.OPEN, ctx -> asset(ctx, assets, "index.html"));
    routes.get(
        "/page/{file}", Routes.Access.OPEN, ctx -> asset(ctx, assets, ctx.pathParam("file")));
    routes.get(ApiPaths.PLAYLISTS, Routes.Access.PAGE_READ, ctx -> playlists(ctx, context));
  }

  private static void asset(Context ctx, Map<String, byte[]> assets, String name) {
    byte[] body = assets.get(name);
    if (body == null) {
      Errors.write(ctx, 404, "no such page file: " + name.replaceAll("[^A-Za-z0-9._-]", "?"));
      return;
    }
    ctx.header("Cache-Control", "no-cache").contentType(ASSETS.get(name)).result(body);
  }

  private static void playlists(Context ctx, ServerContext context) {
    int[] ids = parseIds(ctx.queryParam("ids"));
    Integer[] boxed = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = ids[i];
    }
    StringBuilder b = new StringBuilder("[");
    try (Connection c = context.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT p.playlist_id, p.name, p.owner_user_id"
                    + " FROM unnest(?::integer[]) WITH ORDINALITY AS q(id, ord)"
                    + " JOIN playlists p ON p.playlist_id = q.id ORDER BY q.ord")) {
      Array array = c.createArrayOf("integer", boxed);
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        boolean first = true;
        while (rs.next()) {
          if (!first) {
            b.append(',');
          }
          first = false;
          b.append("{\"playlist_id\":").append(rs.getInt(1)).append(",\"name\":");
          ApiJson.appendString(b, rs.getString(2));
          int owner = rs.getInt(3);
          b.append(",\"owner_user_id\":").append(rs.wasNull() ? "null" : Integer.toString(owner));
          b.append('}');
        }
      }
    } catch (SQLException e) {
      throw new ApiException(503, "the catalog cannot be read right now (database unavailable)");
    }
    ctx.contentType("application/json").result(b.append(']').toString());
  }

  static int[] parseIds(String param) {
    if (param == null || param.isBlank()) {
      throw ApiException.badRequest("ids is required: ?ids=1,2,3");
    }
    String[] parts = param.split(",", -1);
    if (parts.length > MAX_IDS) {
      throw ApiException.badRequest("ids has more than " + MAX_IDS + " entries");
    }
    int[] ids = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        ids[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        ids[i] = 0;
      }
      if (ids[i] <= 0) {
        throw ApiException.badRequest("ids[" + i + "] must be a positive integer");
      }
    }
    return ids;
  }

  private static byte[] resource(String path) {
    try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
