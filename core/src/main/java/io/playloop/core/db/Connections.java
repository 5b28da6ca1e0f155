package io.playloop.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where a table's repository gets its connections: the jobs open one per call from {@link
 * DbSettings}, the server borrows from its pool. Either way a failed statement becomes one {@link
 * DatabaseUnavailableException} with a message that says where.
 */
public interface Connections {
  Connection open() throws SQLException;

  /** The exception to throw for {@code cause}. */
  DatabaseUnavailableException unavailable(SQLException cause);

  /** A new connection per call, with the jobs' one-line error naming the URL and the fix. */
  static Connections of(DbSettings db) {
    return new Connections() {
      @Override
      public Connection open() {
        return Database.connect(db);
      }

      @Override
      public DatabaseUnavailableException unavailable(SQLException cause) {
        return Database.unavailable(db, cause);
      }
    };
  }

  /** Connections borrowed from a pool (the server's). */
  static Connections of(DataSource pool) {
    return new Connections() {
      @Override
      public Connection open() throws SQLException {
        return pool.getConnection();
      }

      @Override
      public DatabaseUnavailableException unavailable(SQLException cause) {
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new DatabaseUnavailableException(
            "PostgreSQL is unavailable: " + reason.lines().findFirst().orElse(reason), cause);
      }
    };
  }
}
