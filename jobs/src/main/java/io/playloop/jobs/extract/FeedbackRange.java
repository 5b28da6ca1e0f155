package io.playloop.jobs.extract;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The highest feedback id an extraction may take: one below which every id is committed (or will
 * never be), so that the watermark never passes a row that commits later.
 *
 * <p>Ids come from the feedback table's sequence and are drawn inside the INSERT, so they are
 * handed out in one order and committed in another: two writers can commit 12 after 11 was read as
 * MAX(id). Two ways to a safe bound:
 *
 * <ul>
 *   <li>Briefly take the table in SHARE mode. That lock waits for every transaction that inserts
 *       into feedback (an INSERT holds ROW EXCLUSIVE until it ends) and keeps new ones out, so once
 *       it is granted every id up to MAX(id) is committed or rolled back for good. The lock is
 *       released at once; writers wait at most for the lock's short timeout.
 *   <li>When a writer keeps its transaction open past that timeout: the ids after the watermark up
 *       to the first one this snapshot cannot see. Every id below that gap is committed; the gap
 *       (an open transaction's row, or a rolled-back id) waits for a later run.
 * </ul>
 */
final class FeedbackRange {
  /** How long the SHARE lock may wait for open feedback writers (who queue behind it meanwhile). */
  static final Duration LOCK_WAIT = Duration.ofSeconds(1);

  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private FeedbackRange() {}

  /** The highest id such that every feedback id in (after, it] is committed; at least after. */
  static long committedUpTo(DbSettings db, long after, Duration lockWait) {
    try (Connection c = Database.connect(db)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL lock_timeout = '" + Math.max(1, lockWait.toMillis()) + "ms'");
        st.execute("LOCK TABLE feedback IN SHARE MODE");
        try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM feedback")) {
          rs.next();
          long max = rs.getLong(1);
          c.commit();
          return Math.max(after, max);
        }
      } catch (SQLException e) {
        if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
          throw e;
        }
        c.rollback();
      }
      return contiguousFrom(c, after);
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  /** The end of the run of visible ids after+1, after+2, ... (after itself when none is). */
  private static long contiguousFrom(Connection c, long after) throws SQLException {
    // Ids ascend with their row number; the run ends where an id is missing.
    String sql =
        "SELECT COALESCE(MAX(id), ?) FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS shift"
            + " FROM feedback WHERE id > ?) ids WHERE shift = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, after);
      ps.setLong(2, after);
      ps.setLong(3, after);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long upTo = rs.getLong(1);
        c.commit();
        return upTo;
      }
    }
  }
}
