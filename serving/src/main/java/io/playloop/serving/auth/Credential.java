package io.playloop.serving.auth;

import java.util.Set;

/** One client's credential: its name, its scopes and the SHA-256 of its token (never the token). */
public record Credential(String client, Set<Scope> scopes, byte[] tokenHash) {
  public Credential {
    scopes = Set.copyOf(scopes);
    tokenHash = tokenHash.clone();
  }

  public boolean allows(Scope scope) {
    return scopes.contains(scope);
  }
}
