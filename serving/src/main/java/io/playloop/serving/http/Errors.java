package io.playloop.serving.http;

import io.javalin.http.Context;
import io.playloop.core.api.ApiError;
import io.playloop.core.db.DatabaseUnavailableException;
import io.playloop.serving.auth.Forbidden;
import io.playloop.serving.auth.Unauthenticated;
import io.playloop.serving.feedback.FeedbackUnavailable;
import io.playloop.serving.recommend.NoActiveModel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The one error shape, {@code {"error": "..."}}, and the one place where the services' exceptions
 * become HTTP statuses: invalid requests 400, no or an unknown credential 401, a missing scope or
 * an unproven like 403, what cannot be done right now 503, anything unexpected 500 (without its
 * message).
 */
public final class Errors {
  private Errors() {}

  public static void write(Context ctx, int status, String message) {
    ctx.status(status)
        .contentType("application/json")
        .result(new ApiError(message).toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the answer to {@code error}, a service's exception (possibly wrapped by a future). */
  public static void write(Context ctx, Throwable error) {
    Throwable e = unwrap(error);
    int status = status(e);
    if (e instanceof Unauthenticated) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    write(ctx, status, status == 500 ? "internal error" : message(e));
  }

  /** The HTTP status of a service's exception. */
  public static int status(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof ApiException api) {
      return api.status();
    }
    if (e instanceof InvalidRequest) {
      return 400;
    }
    if (e instanceof Unauthenticated) {
      return 401;
    }
    if (e instanceof Forbidden) {
      return 403;
    }
    if (e instanceof NoActiveModel
        || e instanceof FeedbackUnavailable
        || e instanceof DatabaseUnavailableException
        || e instanceof TimeoutException) {
      return 503;
    }
    return 500;
  }

  private static String message(Throwable e) {
    if (e instanceof TimeoutException) {
      return "timed out waiting for the database; retry shortly";
    }
    if (e instanceof DatabaseUnavailableException) {
      return "the database is unavailable right now; retry shortly";
    }
    return String.valueOf(e.getMessage());
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
