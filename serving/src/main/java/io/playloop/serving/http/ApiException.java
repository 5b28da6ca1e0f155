package io.playloop.serving.http;

/** A request that gets a 4xx/503 answer with {@code {"error": message}}; carries no stack trace. */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public int status() {
    return status;
  }
}
