package io.playloop.serving;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.playloop.serving.http.Errors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Registers a module's routes; routes marked {@link Access#TOKEN} require {@code Authorization:
 * Bearer <token>} when the configuration sets one. Trailing slashes are ignored by the router.
 */
public final class Routes {
  /** Who may call a route. */
  public enum Access {
    OPEN,
    /** Write and admin routes: the bearer token when one is configured. */
    TOKEN
  }

  private final RoutesConfig routes;
  private final byte[] token;

  Routes(RoutesConfig routes, String bearerToken) {
    this.routes = routes;
    this.token =
        bearerToken == null || bearerToken.isEmpty()
            ? null
            : ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
  }

  public Routes get(String path, Handler handler) {
    routes.get(path, handler);
    return this;
  }

  public Routes get(String path, Access access, Handler handler) {
    routes.get(path, guarded(access, handler));
    return this;
  }

  public Routes post(String path, Access access, Handler handler) {
    routes.post(path, guarded(access, handler));
    return this;
  }

  /** Javalin's own routing API, for anything else. */
  public RoutesConfig javalin() {
    return routes;
  }

  private Handler guarded(Access access, Handler handler) {
    if (access == Access.OPEN || token == null) {
      return handler;
    }
    return ctx -> {
      if (!authorized(ctx)) {
        ctx.header("WWW-Authenticate", "Bearer");
        Errors.write(ctx, 401, "missing or wrong bearer token (Authorization: Bearer <token>)");
        return;
      }
      handler.handle(ctx);
    };
  }

  private boolean authorized(Context ctx) {
    String header = ctx.header("Authorization");
    return header != null
        && MessageDigest.isEqual(token, header.trim().getBytes(StandardCharsets.UTF_8));
  }
}
