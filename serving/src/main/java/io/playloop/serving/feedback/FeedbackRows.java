package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.http.ApiException;
import io.playloop.serving.pg.BinaryCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

/**
 * Feedback rows for PostgreSQL. The group-commit writer copies a batch straight into {@code
 * feedback} (binary COPY: PostgreSQL copies values instead of parsing text); when a key is already
 * stored, COPY fails as a whole, and the batch goes into a temporary staging table instead and
 * moves into {@code feedback} with one {@code INSERT ... ON CONFLICT DO NOTHING}, which skips the
 * keys already stored. The one-transaction-per-request baseline inserts one row with ON CONFLICT.
 */
final class FeedbackRows {
  /**
   * Per connection, emptied at every commit. {@code seq} is the row's place in its batch: a range
   * of it can be inserted alone when a bad row must be found.
   */
  static final String CREATE_STAGING =
      "CREATE TEMPORARY TABLE IF NOT EXISTS feedback_staging (seq integer, user_id integer,"
          + " like_playlist integer, other_playlists integer[], request_id text,"
          + " model_version text, idempotency_key uuid) ON COMMIT DELETE ROWS";

  static final String COPY =
      "COPY feedback (user_id, like_playlist, other_playlists, request_id, model_version,"
          + " idempotency_key) FROM STDIN (FORMAT binary)";

  static final String COPY_STAGED =
      "COPY feedback_staging (seq, user_id, like_playlist, other_playlists, request_id,"
          + " model_version, idempotency_key) FROM STDIN (FORMAT binary)";

  /**
   * Rows {@code [?, ?)} of the staged batch. Sorted by key: two writers lock keys in the same
   * order, so retries of the same likes in two batches wait for each other instead of deadlocking.
   */
  static final String INSERT_STAGED =
      "INSERT INTO feedback (user_id, like_playlist, other_playlists, request_id, model_version,"
          + " idempotency_key) SELECT user_id, like_playlist, other_playlists, request_id,"
          + " model_version, idempotency_key FROM feedback_staging"
          + " WHERE seq >= ? AND seq < ? ORDER BY idempotency_key ON CONFLICT DO NOTHING";

  static final String INSERT =
      "INSERT INTO feedback (user_id, like_playlist, other_playlists, request_id, model_version,"
          + " idempotency_key) VALUES (?, ?, ?::integer[], ?, ?, ?) ON CONFLICT DO NOTHING";

  private FeedbackRows() {}

  /** The answer to a request whose row could not be committed (retry later). */
  static FeedbackUnavailable databaseUnavailable() {
    return new FeedbackUnavailable(FeedbackUnavailable.Reason.DATABASE);
  }

  /** The answer to a request whose row the database refuses (a retry would fail again). */
  static ApiException rejected(SQLException e) {
    return new ApiException(422, "feedback rejected by the database: " + SqlFailure.firstLine(e));
  }

  /**
   * Makes sure {@code c} (not in autocommit mode, no transaction open) has its staging table, and
   * commits: a connection keeps it until it closes.
   */
  static void prepareStaging(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(CREATE_STAGING);
    }
    c.commit();
  }

  /**
   * The COPY stream of {@code batch[from .. to)}, written into {@code out} (reset first): for
   * {@link #COPY}, or with each row's place in the batch first for {@link #COPY_STAGED}.
   */
  static void copy(List<PendingFeedback> batch, int from, int to, boolean staged, BinaryCopy out) {
    out.reset();
    out.raw(BinaryCopy.HEADER);
    for (int i = from; i < to; i++) {
      PendingFeedback p = batch.get(i);
      FeedbackRequest f = p.request();
      int[] others = f.otherPlaylists();
      if (staged) {
        out.row(7).int4Field(i);
      } else {
        out.row(6);
      }
      out.int4Field(f.userId())
          .int4Field(f.likePlaylist())
          .int4ArrayField(others, 0, others.length)
          .textField(f.requestId())
          .textField(f.modelVersion())
          .uuidField(p.key());
    }
    out.raw(BinaryCopy.TRAILER);
  }

  static void bind(PreparedStatement ps, FeedbackRequest f, UUID key) throws SQLException {
    ps.setInt(1, f.userId());
    ps.setInt(2, f.likePlaylist());
    ps.setString(3, arrayLiteral(f.otherPlaylists()));
    ps.setString(4, f.requestId());
    ps.setString(5, f.modelVersion());
    if (key == null) {
      ps.setNull(6, Types.OTHER);
    } else {
      ps.setObject(6, key);
    }
  }

  /** {@code {1,2,3}}: PostgreSQL's array text, cheaper to bind than a java.sql.Array. */
  static String arrayLiteral(int[] values) {
    StringBuilder b = new StringBuilder(values.length * 8 + 2).append('{');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values[i]);
    }
    return b.append('}').toString();
  }
}
