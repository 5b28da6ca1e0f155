package io.playloop.core.registry;

import java.util.Locale;

/** Where a model version is in its life: registered, served to everyone, or replaced. */
public enum ModelStatus {
  /** Trained and registered; serves nobody unless it has a traffic share. */
  CANDIDATE,
  /** The one version serving everyone (the database allows only one). */
  ACTIVE,
  /** Was active, replaced by a later promotion. */
  RETIRED;

  /** The value in the models table's status column. */
  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status of a models row's status column. */
  public static ModelStatus of(String sql) {
    for (ModelStatus s : values()) {
      if (s.sql().equals(sql)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown model status '" + sql + "'");
  }
}
