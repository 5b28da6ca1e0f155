package io.playloop.serving.auth;

/**
 * Decides who may call a route: with no credentials configured (a loopback-only server) everyone;
 * otherwise a client whose {@code Authorization: Bearer <token>} matches a credential with the
 * route's scope, or an anonymous visitor on the routes the hosted page needs when they are opened
 * to visitors.
 */
public final class AccessPolicy {
  private static final String HOW =
      " (send Authorization: Bearer <token>; make one with: playloop serve credentials add)";

  private final Credentials credentials;

  /** {@code credentials} null: nothing is checked (the server listens on loopback only). */
  public AccessPolicy(Credentials credentials) {
    this.credentials = credentials;
  }

  /** Whether credentials are configured at all. */
  public boolean enabled() {
    return credentials != null;
  }

  /**
   * The caller of a route that needs {@code scope}, from the request's Authorization header.
   *
   * @param anonymousAllowed whether a request without the header gets in (as anonymous)
   * @throws Unauthenticated no or an unknown token where one is needed
   * @throws Forbidden a known client without {@code scope}
   */
  public Caller check(String authorization, Scope scope, boolean anonymousAllowed) {
    if (credentials == null) {
      return Caller.ANONYMOUS;
    }
    if (authorization == null || authorization.isBlank()) {
      if (anonymousAllowed) {
        return Caller.ANONYMOUS;
      }
      throw new Unauthenticated("credentials required" + HOW);
    }
    String value = authorization.strip();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Unauthenticated("the Authorization header must be 'Bearer <token>'");
    }
    Credential c = credentials.authenticate(value.substring(7).strip());
    if (c == null) {
      throw new Unauthenticated("unknown or revoked token" + HOW);
    }
    if (!c.allows(scope)) {
      throw new Forbidden(
          "client '"
              + c.client()
              + "' lacks the "
              + scope.label()
              + " scope this route needs (it has: "
              + Scope.format(c.scopes())
              + ")");
    }
    return new Caller(c);
  }
}
