package io.playloop.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

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

  /**
   * Applies the schema migrations (idempotent): the jobs at start, the server only when told to
   * (or, with no database password, a local database). Needs the rights of the schema's owner.
   */
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

  /**
   * Checks, without changing anything, that every migration of this build has been applied: a
   * server that does not migrate refuses an out-of-date schema with a message saying how to migrate
   * it. Needs only SELECT on flyway_schema_history.
   */
  public static void requireMigrated(DbSettings db) {
    try (Connection probe = connect(db)) {
      // Reached: the database is there.
    } catch (SQLException e) {
      throw unavailable(db, e);
    }
    MigrationInfo[] pending =
        Flyway.configure(Database.class.getClassLoader())
            .dataSource(db.url(), db.user(), db.password())
            .locations("classpath:db/migration")
            .load()
            .info()
            .pending();
    if (pending.length > 0) {
      StringBuilder names = new StringBuilder();
      for (MigrationInfo m : pending) {
        names.append(names.length() == 0 ? "" : ", ").append('V').append(m.getVersion());
      }
      throw new DatabaseUnavailableException(
          "The database at "
              + db.url()
              + " is not migrated to this version (pending: "
              + names
              + "). Run them with the schema owner's credentials: every job does at start, and"
              + " so does the server started once with --migrate.",
          null);
    }
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
