package io.playloop.serving.auth;

/** A request without a valid credential where one is needed (HTTP 401). */
public final class Unauthenticated extends RuntimeException {
  public Unauthenticated(String message) {
    super(message, null, false, false);
  }
}
