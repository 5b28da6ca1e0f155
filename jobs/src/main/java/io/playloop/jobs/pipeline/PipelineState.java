package io.playloop.jobs.pipeline;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What the scheduler decides from: the pipeline_runs history and the feedback table. Keeping no
 * state of its own means a restarted scheduler picks up where the last one stopped, and a run
 * missed during downtime is due once, not once per missed slot.
 */
public final class PipelineState {
  private final DbSettings db;

  public PipelineState(DbSettings db) {
    this.db = db;
  }

  /** When the newest run of {@code job} with {@code status} (null: any) started, or null. */
  public Instant lastStart(String job, String status) {
    String sql =
        "SELECT MAX(started_at) FROM pipeline_runs WHERE job = ?"
            + (status == null ? "" : " AND status = ?");
    try (Connection c = Database.connect(db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job);
      if (status != null) {
        ps.setString(2, status);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        var ts = rs.getTimestamp(1);
        return ts == null ? null : ts.toInstant();
      }
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  /** Feedback stored since the newest successful training started (all of it when none). */
  public long feedbackSinceLastTraining() {
    String sql =
        "SELECT COUNT(*) FROM feedback WHERE created_at > COALESCE("
            + "(SELECT MAX(started_at) FROM pipeline_runs WHERE job = 'train'"
            + " AND status = 'succeeded'), '-infinity'::timestamptz)";
    try (Connection c = Database.connect(db);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  /** The active model version, or null. */
  public String activeModel() {
    try (Connection c = Database.connect(db);
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT model_version FROM models WHERE status = 'active'")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }
}
