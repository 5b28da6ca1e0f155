package io.playloop.jobs.catalog;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import io.playloop.jobs.lake.LakeTable;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Keeps PostgreSQL's playlists table in step with the lake's catalog: the server reads names and
 * owners from there, never from the lake. The replacement is one transaction, so the server sees
 * the old catalog or the new one, never a mix.
 */
public final class CatalogSync {
  private static final int CHUNK_ROWS = 50_000;

  private CatalogSync() {}

  /** Replaces the playlists table with {@code playlists} (rows of {@link LakeTable#PLAYLISTS}). */
  public static long replacePlaylists(DbSettings db, Dataset<Row> playlists) {
    Iterator<Row> rows = playlists.select("playlist_id", "owner_user_id", "name").toLocalIterator();
    try (Connection c = Database.connect(db)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("DELETE FROM playlists");
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      String sql = "COPY playlists (playlist_id, owner_user_id, name) FROM STDIN (FORMAT csv)";
      long count = 0;
      StringBuilder chunk = new StringBuilder();
      int inChunk = 0;
      while (rows.hasNext()) {
        Row r = rows.next();
        chunk.append(r.getInt(0)).append(',');
        if (!r.isNullAt(1)) {
          chunk.append(r.getInt(1));
        }
        chunk.append(',').append(csv(r.getString(2))).append('\n');
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
      c.commit();
      return count;
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    } catch (IOException e) {
      throw new IllegalStateException("could not copy the catalog into PostgreSQL", e);
    }
  }

  private static String csv(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
