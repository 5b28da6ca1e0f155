package io.playloop.core.db;

import java.util.Locale;

/** The state of a pipeline_runs row. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED;

  /** The value in the status column. */
  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus of(String sql) {
    return valueOf(sql.toUpperCase(Locale.ROOT));
  }
}
