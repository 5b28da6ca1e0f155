package io.playloop.jobs.metrics;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes the dashboard_* tables in one transaction, so a dashboard never shows half a run and a
 * rerun replaces what the previous run wrote.
 */
public final class DashboardStore {
  private final DbSettings db;

  public DashboardStore(DbSettings db) {
    this.db = db;
  }

  /**
   * Replaces the feedback board and per-model rows (they are recomputed whole each run), and
   * upserts the training rows given (today's snapshot and the per-batch counts).
   */
  public void write(
      List<MetricRow> training,
      List<MetricRow> feedback,
      List<ModelMetricRow> models,
      boolean replaceFeedback) {
    try (Connection c = Database.connect(db)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        if (replaceFeedback) {
          st.execute("DELETE FROM dashboard_feedback");
          st.execute("DELETE FROM dashboard_models");
        }
        st.execute("DELETE FROM dashboard_training WHERE metric = 'user_blocks_in_batch'");
      }
      upsert(c, "dashboard_training", training);
      upsert(c, "dashboard_feedback", feedback);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO dashboard_models (day, model_version, metric, value) VALUES (?,?,?,?)"
                  + " ON CONFLICT (day, model_version, metric) DO UPDATE"
                  + " SET value = EXCLUDED.value, computed_at = now()")) {
        for (ModelMetricRow r : models) {
          ps.setDate(1, Date.valueOf(r.day()));
          ps.setString(2, r.modelVersion());
          ps.setString(3, r.metric());
          ps.setDouble(4, r.value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  private static void upsert(Connection c, String table, List<MetricRow> rows) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (day, metric, segment, value) VALUES (?,?,?,?)"
                + " ON CONFLICT (day, metric, segment) DO UPDATE"
                + " SET value = EXCLUDED.value, computed_at = now()")) {
      for (MetricRow r : rows) {
        ps.setDate(1, Date.valueOf(r.day()));
        ps.setString(2, r.metric());
        ps.setString(3, r.segment());
        ps.setDouble(4, r.value());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Feedback rows newer than the start of the last successful train run (all when none). */
  public long feedbackSinceLastTraining() {
    String sql =
        "SELECT COUNT(*) FROM feedback WHERE created_at > COALESCE("
            + "(SELECT MAX(started_at) FROM pipeline_runs WHERE job = 'train'"
            + " AND status = 'succeeded'), '-infinity'::timestamptz)";
    try (Connection c = Database.connect(db);
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  static LocalDate today() {
    return LocalDate.now(java.time.ZoneOffset.UTC);
  }
}
