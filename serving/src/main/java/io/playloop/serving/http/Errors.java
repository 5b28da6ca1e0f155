package io.playloop.serving.http;

import io.javalin.http.Context;
import io.playloop.core.api.ApiError;
import java.nio.charset.StandardCharsets;

/** Writes the one error shape, {@code {"error": "..."}}, with its status. */
public final class Errors {
  private Errors() {}

  public static void write(Context ctx, int status, String message) {
    ctx.status(status)
        .contentType("application/json")
        .result(new ApiError(message).toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a failure of an async step: an ApiException's own status, anything else a 500. */
  public static void write(Context ctx, Throwable error) {
    Throwable e = error;
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ApiException api) {
      write(ctx, api.status(), api.getMessage());
    } else if (e instanceof java.util.concurrent.TimeoutException) {
      write(ctx, 503, "timed out waiting for the database; retry shortly");
    } else {
      write(ctx, 500, "internal error");
    }
  }
}
