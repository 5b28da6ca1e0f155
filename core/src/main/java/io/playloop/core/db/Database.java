package io.playloop.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/** Connections to Playloop's PostgreSQL database, its creation and its migrations. */
public final class Database {
  private static final String FIX =
      "Start PostgreSQL or point Playloop at yours with --db JDBC-URL or PLAYLOOP_DB_URL"
          + " (user and password: PLAYLOOP_DB_USER, PLAYLOOP_DB_PASSWORD).";

  private Database() {}

  /** A new connection; failures become one clear {@link DatabaseUnavailableException}. */
  public static Connection connect(DbSettings db) {
    try {
      return open(db);
    } catch (SQLException e) {
      throw unavailable(db, e);
    }
  }

  private static Connection open(DbSettings db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", db.user());
    if (db.password() != null && !db.password().isEmpty()) {
      props.setProperty("password", db.password());
    }
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(db.url(), props);
  }

  /** Creates the database named in the URL if the server does not have it yet. */
  public static void ensureExists(DbSettings db) {
    String name = db.databaseName();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("unsupported database name in " + db.url());
    }
    // Errors name the database the user asked for, not the maintenance database used here.
    try (Connection c = open(db.maintenance());
        var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (var rs = ps.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      if ("42P04".equals(e.getSQLState())) {
        return; // created concurrently by someone else
      }
      throw unavailable(db, e);
    }
  }

  /** Applies the schema migrations (idempotent; both the jobs and the server call it at start). */
  public static void migrate(DbSettings db) {
    try (Connection probe = connect(db)) {
      // Reached: a failure below is a migration problem, not a connection problem.
    } catch (SQLException e) {
      throw unavailable(db, e);
    }
    Flyway.configure(Database.class.getClassLoader())
        .dataSource(db.url(), db.user(), db.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** Creates the database if missing, then migrates it. */
  public static void prepare(DbSettings db) {
    ensureExists(db);
    migrate(db);
  }

  /** The one-line error for an unreachable or unusable database. */
  public static DatabaseUnavailableException unavailable(DbSettings db, SQLException cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    reason = reason.lines().findFirst().orElse(reason);
    return new DatabaseUnavailableException(
        "Cannot use PostgreSQL at "
            + db.url()
            + " as user "
            + db.user()
            + ": "
            + reason
            + ". "
            + FIX,
        cause);
  }
}
