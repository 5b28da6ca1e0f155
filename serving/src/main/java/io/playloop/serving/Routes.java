package io.playloop.serving;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.playloop.serving.auth.AccessPolicy;
import io.playloop.serving.auth.Caller;
import io.playloop.serving.auth.Scope;
import io.playloop.serving.http.Errors;

/**
 * Registers a module's routes, each with who may call it ({@link Access}); a route registered
 * without one needs the read scope. With a separate management port, the management routes ({@code
 * /metrics}, {@code /dashboard}, {@code /admin/*}) answer only there and the others only on the
 * main port (elsewhere: 404). Trailing slashes are ignored by the router.
 */
public final class Routes {
  /** Who may call a route when credentials are configured (without them: anyone on loopback). */
  public enum Access {
    /** Anyone: liveness and the hosted page's static files. */
    OPEN(null),
    /** The read scope. */
    READ(Scope.READ),
    /** The read scope, or anyone when the hosted page is public (auth.public-page). */
    PAGE_READ(Scope.READ),
    /**
     * The feedback scope, or anyone when feedback.require-served is on (the route then checks the
     * signed request_id of an anonymous caller).
     */
    FEEDBACK(Scope.FEEDBACK),
    /** The admin scope. */
    ADMIN(Scope.ADMIN);

    private final Scope scope;

    Access(Scope scope) {
      this.scope = scope;
    }
  }

  private final RoutesConfig routes;
  private final AccessPolicy policy;
  private final ServingSettings.Auth auth;
  private final Listeners listeners;

  Routes(RoutesConfig routes, AccessPolicy policy, ServingSettings.Auth auth, Listeners listeners) {
    this.routes = routes;
    this.policy = policy;
    this.auth = auth;
    this.listeners = listeners;
  }

  /** A route that needs the read scope. */
  public Routes get(String path, Handler handler) {
    return get(path, Access.READ, handler);
  }

  public Routes get(String path, Access access, Handler handler) {
    routes.get(path, guarded(path, access, handler));
    return this;
  }

  public Routes post(String path, Access access, Handler handler) {
    routes.post(path, guarded(path, access, handler));
    return this;
  }

  /** Javalin's own routing API, for anything else (no access check: add one yourself). */
  public RoutesConfig javalin() {
    return routes;
  }

  /** Whether {@code path} is a management route (its own port when one is configured). */
  public static boolean isManagement(String path) {
    return path.equals("/metrics")
        || path.equals("/dashboard")
        || path.startsWith("/dashboard/")
        || path.startsWith("/admin/");
  }

  /** The caller the access check let through (anonymous when nothing was checked). */
  public static Caller caller(Context ctx) {
    Caller c = ctx.attribute(Caller.ATTRIBUTE);
    return c == null ? Caller.ANONYMOUS : c;
  }

  private Handler guarded(String path, Access access, Handler handler) {
    Handler checked =
        access == Access.OPEN || !policy.enabled() ? handler : checked(access, handler);
    if (!listeners.separateManagement() || access == Access.OPEN && path.equals("/health")) {
      return checked;
    }
    boolean management = isManagement(path);
    return ctx -> {
      if (listeners.onManagementPort(ctx) != management) {
        Errors.write(ctx, 404, "no such route on this port: " + ctx.method() + " " + path);
        return;
      }
      checked.handle(ctx);
    };
  }

  private Handler checked(Access access, Handler handler) {
    boolean anonymous =
        access == Access.PAGE_READ && auth.publicPage()
            || access == Access.FEEDBACK && auth.requireServed();
    return ctx -> {
      Caller caller = policy.check(ctx.header("Authorization"), access.scope, anonymous);
      if (!caller.anonymous()) {
        ctx.attribute(Caller.ATTRIBUTE, caller);
      }
      handler.handle(ctx);
    };
  }
}
