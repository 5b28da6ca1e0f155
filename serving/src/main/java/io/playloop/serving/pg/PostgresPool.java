package io.playloop.serving.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.playloop.core.db.DbSettings;

/**
 * The server's connection pools: the readers' (dashboard, snapshot loads, likes, impressions) and
 * the feedback writers' own, so that a burst of reads never makes feedback wait for a connection.
 */
public final class PostgresPool {
  private PostgresPool() {}

  /** A pool named {@code name} of at most {@code size} connections to {@code db}. */
  public static HikariDataSource open(String name, DbSettings db, int size) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(db.url());
    c.setUsername(db.user());
    if (db.password() != null && !db.password().isEmpty()) {
      c.setPassword(db.password());
    }
    c.setPoolName(name);
    c.setMaximumPoolSize(size);
    // Fail fast while PostgreSQL is down: feedback answers 503 instead of hanging.
    c.setConnectionTimeout(1000);
    c.setValidationTimeout(500);
    c.setInitializationFailTimeout(-1);
    c.addDataSourceProperty("reWriteBatchedInserts", "true");
    c.addDataSourceProperty("connectTimeout", "2");
    c.addDataSourceProperty("socketTimeout", "30");
    c.addDataSourceProperty("tcpKeepAlive", "true");
    return new HikariDataSource(c);
  }
}
