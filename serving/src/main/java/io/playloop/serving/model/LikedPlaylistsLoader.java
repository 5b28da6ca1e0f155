package io.playloop.serving.model;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Fills the liked-playlists filter at start from {@code feedback}: the likes inside its window,
 * oldest first (so the newest stay when a user or the table is over its cap), streamed with COPY
 * into the filter's own arrays.
 */
public final class LikedPlaylistsLoader {
  private LikedPlaylistsLoader() {}

  public static LikedPlaylists load(DataSource dataSource, LikedPlaylists.Limits limits)
      throws SQLException {
    LikedPlaylists liked = new LikedPlaylists(limits);
    long windowSeconds = limits.window().toSeconds();
    String sql =
        "COPY (SELECT user_id, like_playlist, extract(epoch FROM created_at)::bigint"
            + " FROM feedback WHERE created_at >= now() - make_interval(secs => "
            + windowSeconds
            + ") ORDER BY created_at, id) TO STDOUT";
    try (Connection c = dataSource.getConnection()) {
      CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
      try {
        byte[] row;
        while ((row = copy.readFromCopy()) != null) {
          int i = 0;
          int user = 0;
          while (row[i] != '\t') {
            user = user * 10 + (row[i++] - '0');
          }
          i++;
          int playlist = 0;
          while (row[i] != '\t') {
            playlist = playlist * 10 + (row[i++] - '0');
          }
          i++;
          long seconds = 0;
          while (i < row.length && row[i] >= '0' && row[i] <= '9') {
            seconds = seconds * 10 + (row[i++] - '0');
          }
          liked.add(user, playlist, Instant.ofEpochSecond(seconds));
        }
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    }
    return liked;
  }
}
