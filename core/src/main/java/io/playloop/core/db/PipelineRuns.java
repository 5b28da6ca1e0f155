package io.playloop.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline_runs table: one row per job run, opened at start and closed at the end; and what the
 * scheduler, the dashboard and the server's gauges ask of it.
 */
public final class PipelineRuns {
  private final Connections connections;

  public PipelineRuns(Connections connections) {
    this.connections = connections;
  }

  public PipelineRuns(DbSettings db) {
    this(Connections.of(db));
  }

  /** Records that {@code job} started; returns the run's id. */
  public long start(String job) {
    try (Connection c = connections.open();
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO pipeline_runs (job) VALUES (?) RETURNING id")) {
      ps.setString(1, job);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  /** Closes run {@code id} as succeeded. {@code detailsJson} may be null. */
  public void succeed(long id, long rowsIn, long rowsOut, String watermark, String detailsJson) {
    finish(id, RunStatus.SUCCEEDED, rowsIn, rowsOut, null, watermark, detailsJson);
  }

  /** Closes run {@code id} as failed with the error's one-line message. */
  public void fail(long id, String error) {
    finish(id, RunStatus.FAILED, null, null, error, null, null);
  }

  private void finish(
      long id,
      RunStatus status,
      Long rowsIn,
      Long rowsOut,
      String error,
      String watermark,
      String detailsJson) {
    String sql =
        "UPDATE pipeline_runs SET finished_at = now(), status = ?, rows_in = ?, rows_out = ?,"
            + " error = ?, watermark = COALESCE(?, watermark),"
            + " details = COALESCE(?::jsonb, details) WHERE id = ?";
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, status.sql());
      setLong(ps, 2, rowsIn);
      setLong(ps, 3, rowsOut);
      ps.setString(4, error);
      ps.setString(5, watermark);
      ps.setString(6, detailsJson);
      ps.setLong(7, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  /** The watermark of the newest succeeded run of {@code job}, or null. */
  public String lastWatermark(String job) {
    String sql =
        "SELECT watermark FROM pipeline_runs WHERE job = ? AND status = ?"
            + " AND watermark IS NOT NULL ORDER BY id DESC LIMIT 1";
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job);
      ps.setString(2, RunStatus.SUCCEEDED.sql());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  /** When the newest run of {@code job} with {@code status} (null: any) started, or null. */
  public Instant lastStart(String job, RunStatus status) {
    String sql =
        "SELECT MAX(started_at) FROM pipeline_runs WHERE job = ?"
            + (status == null ? "" : " AND status = ?");
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job);
      if (status != null) {
        ps.setString(2, status.sql());
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return instant(rs.getTimestamp(1));
      }
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  /** Feedback stored since the newest successful run of {@code job} started (all when none). */
  public long feedbackSinceLastSuccess(String job) {
    String sql =
        "SELECT COUNT(*) FROM feedback WHERE created_at > COALESCE("
            + "(SELECT MAX(started_at) FROM pipeline_runs WHERE job = ? AND status = ?),"
            + " '-infinity'::timestamptz)";
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job);
      ps.setString(2, RunStatus.SUCCEEDED.sql());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  /** Each job that ever ran: whether its newest finished run failed, its newest success. */
  public List<JobHealth> health() {
    String sql =
        "SELECT j.job,"
            + " (SELECT status FROM pipeline_runs r WHERE r.job = j.job AND r.status <> ?"
            + "   ORDER BY r.started_at DESC, r.id DESC LIMIT 1),"
            + " (SELECT MAX(started_at) FROM pipeline_runs r WHERE r.job = j.job AND r.status = ?)"
            + " FROM (SELECT DISTINCT job FROM pipeline_runs) j ORDER BY j.job";
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, RunStatus.RUNNING.sql());
      ps.setString(2, RunStatus.SUCCEEDED.sql());
      List<JobHealth> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new JobHealth(
                  rs.getString(1),
                  RunStatus.FAILED.sql().equals(rs.getString(2)),
                  instant(rs.getTimestamp(3))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  /** The newest {@code limit} runs started on the days {@code from} to {@code to} (UTC). */
  public List<PipelineRun> startedBetween(LocalDate from, LocalDate to, int limit) {
    String sql =
        "SELECT job, status, started_at, finished_at, rows_in, rows_out, error"
            + " FROM pipeline_runs WHERE started_at < ?::date + 1 AND started_at >= ?::date"
            + " ORDER BY started_at DESC, id DESC LIMIT ?";
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, to.toString());
      ps.setString(2, from.toString());
      ps.setInt(3, limit);
      List<PipelineRun> runs = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long in = rs.getLong(5);
          Long rowsIn = rs.wasNull() ? null : in;
          long out = rs.getLong(6);
          Long rowsOut = rs.wasNull() ? null : out;
          runs.add(
              new PipelineRun(
                  rs.getString(1),
                  RunStatus.of(rs.getString(2)),
                  instant(rs.getTimestamp(3)),
                  instant(rs.getTimestamp(4)),
                  rowsIn,
                  rowsOut,
                  rs.getString(7)));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }
}
