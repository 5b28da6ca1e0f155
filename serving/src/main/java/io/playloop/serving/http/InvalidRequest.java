package io.playloop.serving.http;

/** A request that breaks the API's rules; the message says which and how to fix it. */
public final class InvalidRequest extends RuntimeException {
  public InvalidRequest(String message) {
    super(message, null, false, false);
  }
}
