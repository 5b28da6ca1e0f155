package io.playloop.serving.feedback;

import java.sql.SQLException;

/** What a failed feedback statement means, from its SQLSTATE. */
enum SqlFailure {
  /**
   * The connection or the server is gone or overloaded (classes 08, 53, 57P, 58; no SQLSTATE at
   * all, as for a pool timeout): answer 503 and back off until PostgreSQL answers again.
   */
  CONNECTION,
  /** A serialization failure or deadlock (40001, 40P01): the same batch may succeed if retried. */
  RETRY,
  /**
   * One row's data or a constraint (classes 22 and 23): only that row's request fails; the rest of
   * its batch is stored.
   */
  BAD_ROW,
  /** Anything else (a missing privilege, a changed schema): 503 for the batch, and logged. */
  OTHER;

  static SqlFailure of(SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.length() != 5) {
      return CONNECTION;
    }
    String sqlClass = state.substring(0, 2);
    return switch (sqlClass) {
      case "08", "53", "58" -> CONNECTION;
      case "57" -> state.startsWith("57P") ? CONNECTION : OTHER;
      case "40" -> state.equals("40001") || state.equals("40P01") ? RETRY : OTHER;
      case "22", "23" -> BAD_ROW;
      default -> OTHER;
    };
  }

  /** The first line of a database error's message, for a client or a log line. */
  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
