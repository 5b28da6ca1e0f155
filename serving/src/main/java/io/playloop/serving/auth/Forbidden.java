package io.playloop.serving.auth;

/**
 * A request the server understood and will not carry out: a credential without the route's scope,
 * or a like that does not prove what was served (HTTP 403).
 */
public final class Forbidden extends RuntimeException {
  public Forbidden(String message) {
    super(message, null, false, false);
  }
}
