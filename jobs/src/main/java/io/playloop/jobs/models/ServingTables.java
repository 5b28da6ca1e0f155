package io.playloop.jobs.models;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import io.playloop.core.serving.ServingTableDefinition;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one model version's rows into the serving tables (as {@link ServingTableDefinition}
 * defines them) in one transaction: the server sees all of a version's rows or none.
 */
public final class ServingTables {
  private static final int CHUNK_ROWS = 20_000;

  private ServingTables() {}

  /** Replaces {@code version}'s rows; returns how many recommendation rows were written. */
  public static long replace(
      DbSettings db, String version, Iterator<Row> recommendations, int[] popular) {
    try (Connection c = Database.connect(db)) {
      c.setAutoCommit(false);
      try {
        for (String table : ServingTableDefinition.TABLES) {
          try (PreparedStatement ps =
              c.prepareStatement(ServingTableDefinition.deleteVersion(table))) {
            ps.setString(1, version);
            ps.executeUpdate();
          }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String sql = ServingTableDefinition.copyRecommendationsIn();
        long count = 0;
        StringBuilder chunk = new StringBuilder();
        int inChunk = 0;
        while (recommendations.hasNext()) {
          Row r = recommendations.next();
          ServingTableDefinition.appendCsvRow(
              chunk, version, r.getInt(0), r.getList(1), r.getList(2));
          count++;
          if (++inChunk == CHUNK_ROWS) {
            copy.copyIn(sql, new StringReader(chunk.toString()));
            chunk.setLength(0);
            inChunk = 0;
          }
        }
        if (inChunk > 0) {
          copy.copyIn(sql, new StringReader(chunk.toString()));
        }
        try (PreparedStatement ps = c.prepareStatement(ServingTableDefinition.insertPopular())) {
          for (int i = 0; i < popular.length; i++) {
            ps.setString(1, version);
            ps.setInt(2, i + 1);
            ps.setInt(3, popular[i]);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
        return count;
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        if (e instanceof SQLException s) {
          throw s;
        }
        if (e instanceof IOException io) {
          throw new IllegalStateException("could not copy recommendations into PostgreSQL", io);
        }
        throw (RuntimeException) e;
      }
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }
}
