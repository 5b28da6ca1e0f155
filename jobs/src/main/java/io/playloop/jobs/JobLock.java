package io.playloop.jobs;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One run of a job at a time per database, and one writer at a time of lake tables that several
 * jobs write: a PostgreSQL session-level advisory lock named after the job (or the tables), held by
 * a connection of its own for as long as the job runs. PostgreSQL releases it when that connection
 * ends, so a crashed or killed job never leaves a stale lock behind.
 */
final class JobLock implements AutoCloseable {
  /** The first key of every Playloop job lock ("PLJB"); the second is the job's name. */
  private static final int PLAYLOOP_JOBS = 0x504C4A42;

  private static final Duration POLL = Duration.ofMillis(250);

  private final Connection connection;
  private final int key;

  private JobLock(Connection connection, int key) {
    this.connection = connection;
    this.key = key;
  }

  /**
   * Takes the lock of {@code job}, waiting up to {@code wait} for a running one to finish; throws
   * {@link JobAlreadyRunningException}, naming the holder, when it does not.
   */
  static JobLock acquire(DbSettings db, String job, Duration wait) throws InterruptedException {
    return acquire(db, job, job, "another " + job, wait);
  }

  /**
   * Takes the lock of the lake tables {@code tables} that several jobs write, for {@code job}: one
   * writer of those tables at a time, whichever job it is.
   */
  static JobLock acquireTables(DbSettings db, String job, String tables, Duration wait)
      throws InterruptedException {
    return acquire(
        db, job, "tables " + tables, "another job that writes the lake's " + tables, wait);
  }

  private static JobLock acquire(
      DbSettings db, String job, String lockName, String other, Duration wait)
      throws InterruptedException {
    int key = key(lockName);
    Connection c = Database.connect(db);
    try {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
        ps.setString(1, "playloop " + job);
        ps.execute();
      }
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        if (tryLock(c, key)) {
          return new JobLock(c, key);
        }
        if (System.nanoTime() >= deadline) {
          String holder = holder(c, key);
          if (holder == null && tryLock(c, key)) {
            return new JobLock(c, key); // the other run ended just now
          }
          throw new JobAlreadyRunningException(
              other
                  + " is running against "
                  + db.url()
                  + " ("
                  + (holder == null ? "it holds the job's lock" : holder)
                  + "); waited "
                  + wait.toSeconds()
                  + " s for it. Run "
                  + job
                  + " again when it has finished.");
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (SQLException e) {
      close(c);
      throw Database.unavailable(db, e);
    } catch (RuntimeException | InterruptedException e) {
      close(c);
      throw e;
    }
  }

  /** The job name's key: non-negative, so that it reads back the same from pg_locks' oid. */
  static int key(String job) {
    return job.hashCode() & 0x7FFF_FFFF;
  }

  private static boolean tryLock(Connection c, int key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      ps.setInt(1, PLAYLOOP_JOBS);
      ps.setInt(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Who holds the lock, as PostgreSQL knows the session; null when nobody does any more. */
  private static String holder(Connection c, int key) throws SQLException {
    String sql =
        "SELECT a.pid, a.application_name, host(a.client_addr),"
            + " to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
            + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
            + " AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid"
            // Advisory locks belong to a database; pg_locks shows every database's.
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, PLAYLOOP_JOBS);
      ps.setInt(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String client = rs.getString(3) == null ? "this host" : rs.getString(3);
        return "'"
            + rs.getString(2)
            + "' from "
            + client
            + ", database session "
            + rs.getInt(1)
            + ", since "
            + rs.getString(4)
            + " UTC";
      }
    }
  }

  @Override
  public void close() {
    try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
      ps.setInt(1, PLAYLOOP_JOBS);
      ps.setInt(2, key);
      ps.execute();
    } catch (SQLException e) {
      // Closing the connection below releases the lock all the same.
    } finally {
      close(connection);
    }
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // nothing left to release: the session's locks end with it
    }
  }
}
