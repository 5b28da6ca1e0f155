package io.playloop.serving.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a credential may do. Scopes are not nested: a client gets each one it needs (an operator's
 * credential typically has admin and read).
 */
public enum Scope {
  /** Recommendations, the catalog, /ready, /metrics and the dashboard. */
  READ,
  /** Posting likes to /feedback. */
  FEEDBACK,
  /** /admin/* (such as reloading the model). */
  ADMIN;

  /** The scope's name as written in credentials files and on command lines. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "read,feedback" (at least one); an {@link IllegalArgumentException} names a bad one. */
  public static Set<Scope> parseList(String list) {
    EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String part : list.split(",", -1)) {
      String name = part.trim();
      Scope found = null;
      for (Scope s : values()) {
        if (s.label().equals(name)) {
          found = s;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "unknown scope '" + name + "': use read, feedback and/or admin, comma-separated");
      }
      scopes.add(found);
    }
    return scopes;
  }

  /** "admin,read" for a set of scopes, in declaration order. */
  public static String format(Set<Scope> scopes) {
    StringBuilder b = new StringBuilder();
    for (Scope s : values()) {
      if (scopes.contains(s)) {
        b.append(b.length() > 0 ? "," : "").append(s.label());
      }
    }
    return b.toString();
  }
}
