package io.playloop.serving.auth;

/**
 * Who sent a request: a client by its credential, or nobody in particular (no credentials are
 * configured, or the route lets anonymous visitors in).
 */
public record Caller(Credential credential) {
  public static final Caller ANONYMOUS = new Caller(null);

  /** The request attribute the access check leaves for the route. */
  public static final String ATTRIBUTE = "playloop.caller";

  public boolean anonymous() {
    return credential == null;
  }
}
