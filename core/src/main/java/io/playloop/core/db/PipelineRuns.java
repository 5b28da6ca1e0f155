package io.playloop.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** The pipeline_runs table: one row per job run, opened at start and closed at the end. */
public final class PipelineRuns {
  private final DbSettings db;

  public PipelineRuns(DbSettings db) {
    this.db = db;
  }

  /** Records that {@code job} started; returns the run's id. */
  public long start(String job) {
    try (Connection c = Database.connect(db);
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO pipeline_runs (job) VALUES (?) RETURNING id")) {
      ps.setString(1, job);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  /** Closes run {@code id} as succeeded. {@code detailsJson} may be null. */
  public void succeed(long id, long rowsIn, long rowsOut, String watermark, String detailsJson) {
    finish(id, "succeeded", rowsIn, rowsOut, null, watermark, detailsJson);
  }

  /** Closes run {@code id} as failed with the error's one-line message. */
  public void fail(long id, String error) {
    finish(id, "failed", null, null, error, null, null);
  }

  private void finish(
      long id,
      String status,
      Long rowsIn,
      Long rowsOut,
      String error,
      String watermark,
      String detailsJson) {
    String sql =
        "UPDATE pipeline_runs SET finished_at = now(), status = ?, rows_in = ?, rows_out = ?,"
            + " error = ?, watermark = COALESCE(?, watermark),"
            + " details = COALESCE(?::jsonb, details) WHERE id = ?";
    try (Connection c = Database.connect(db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, status);
      setLong(ps, 2, rowsIn);
      setLong(ps, 3, rowsOut);
      ps.setString(4, error);
      ps.setString(5, watermark);
      ps.setString(6, detailsJson);
      ps.setLong(7, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  /** The watermark of the newest succeeded run of {@code job}, or null. */
  public String lastWatermark(String job) {
    String sql =
        "SELECT watermark FROM pipeline_runs WHERE job = ? AND status = 'succeeded'"
            + " AND watermark IS NOT NULL ORDER BY id DESC LIMIT 1";
    try (Connection c = Database.connect(db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }
}
