package io.playloop.jobs.models;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one model version's rows into the serving tables (recommendations, popular_playlists) in
 * one transaction: the server sees all of a version's rows or none.
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
        for (String table : List.of("recommendations", "popular_playlists")) {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM " + table + " WHERE model_version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
          }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String sql =
            "COPY recommendations (model_version, user_id, playlists, scores)"
                + " FROM STDIN (FORMAT csv)";
        long count = 0;
        StringBuilder chunk = new StringBuilder();
        int inChunk = 0;
        while (recommendations.hasNext()) {
          Row r = recommendations.next();
          chunk.append(csv(version)).append(',').append(r.getInt(0)).append(",\"{");
          join(chunk, r.getList(1));
          chunk.append("}\",\"{");
          join(chunk, r.getList(2));
          chunk.append("}\"\n");
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
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO popular_playlists (model_version, rank, playlist_id) VALUES (?, ?, ?)")) {
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

  private static void join(StringBuilder b, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values.get(i));
    }
  }

  private static String csv(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
