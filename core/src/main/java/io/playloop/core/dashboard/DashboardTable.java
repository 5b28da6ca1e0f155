package io.playloop.core.dashboard;

/** The dashboard tables the metrics job fills and the dashboard reads. */
public enum DashboardTable {
  /** Figures of the lake's user-blocks: day, metric, segment, value. */
  TRAINING("dashboard_training"),
  /** Figures of the feedback: day, metric, segment, value. */
  FEEDBACK("dashboard_feedback"),
  /** Figures per model version: day, model_version, metric, value. */
  MODELS("dashboard_models");

  private final String table;

  DashboardTable(String table) {
    this.table = table;
  }

  /** The table's name in PostgreSQL. */
  public String table() {
    return table;
  }
}
