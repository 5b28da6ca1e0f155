package io.playloop.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, migrated PostgreSQL database for one test run, dropped on close. The server comes from
 * the system property playloop.test.db.admin (default: the local server's "postgres" database).
 */
public final class TestDatabase implements AutoCloseable {
  private final DbSettings admin;
  private final DbSettings settings;

  private TestDatabase(DbSettings admin, DbSettings settings) {
    this.admin = admin;
    this.settings = settings;
  }

  /** Creates and migrates a new database with a random name. */
  public static TestDatabase create() {
    TestDatabase db = createEmpty();
    Database.migrate(db.settings);
    return db;
  }

  /** Creates a new database with a random name and no tables (for migration tests). */
  public static TestDatabase createEmpty() {
    DbSettings admin =
        new DbSettings(
            System.getProperty(
                "playloop.test.db.admin", "jdbc:postgresql://127.0.0.1:5432/postgres"),
            System.getProperty("playloop.test.db.user", "postgres"),
            "");
    String name = "playloop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String base = admin.url().substring(0, admin.url().lastIndexOf('/') + 1);
    DbSettings settings = admin.withUrl(base + name);
    Database.ensureExists(settings);
    return new TestDatabase(admin, settings);
  }

  public DbSettings settings() {
    return settings;
  }

  public String url() {
    return settings.url();
  }

  public Connection connect() {
    return Database.connect(settings);
  }

  @Override
  public void close() {
    try (Connection c = Database.connect(admin);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + settings.databaseName() + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop " + settings.databaseName(), e);
    }
  }
}
