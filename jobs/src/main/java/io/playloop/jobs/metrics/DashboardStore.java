package io.playloop.jobs.metrics;

import io.playloop.core.dashboard.DashboardMetric;
import io.playloop.core.dashboard.DashboardTable;
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
          st.execute("DELETE FROM " + DashboardTable.FEEDBACK.table());
          st.execute("DELETE FROM " + DashboardTable.MODELS.table());
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM " + DashboardTable.TRAINING.table() + " WHERE metric = ?")) {
        // Per-batch counts are recomputed whole each run.
        ps.setString(1, DashboardMetric.USER_BLOCKS_IN_BATCH.key());
        ps.executeUpdate();
      }
      upsert(c, DashboardTable.TRAINING.table(), training);
      upsert(c, DashboardTable.FEEDBACK.table(), feedback);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + DashboardTable.MODELS.table()
                  + " (day, model_version, metric, value) VALUES (?,?,?,?)"
                  + " ON CONFLICT (day, model_version, metric) DO UPDATE"
                  + " SET value = EXCLUDED.value, computed_at = now()")) {
        for (ModelMetricRow r : models) {
          ps.setDate(1, Date.valueOf(r.day()));
          ps.setString(2, r.modelVersion());
          ps.setString(3, r.metric().key());
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
        ps.setString(2, r.metric().key());
        ps.setString(3, r.segment());
        ps.setDouble(4, r.value());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static LocalDate today() {
    return LocalDate.now(java.time.ZoneOffset.UTC);
  }
}
