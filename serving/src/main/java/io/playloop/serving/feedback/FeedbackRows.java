package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.pg.BinaryCopy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Feedback rows for PostgreSQL: a batch as one binary COPY (the group-commit writer) or one INSERT
 * (the one-transaction-per-request baseline).
 */
final class FeedbackRows {
  static final String COPY =
      "COPY feedback (user_id, like_playlist, other_playlists, request_id, model_version)"
          + " FROM STDIN (FORMAT binary)";

  static final String INSERT =
      "INSERT INTO feedback (user_id, like_playlist, other_playlists, request_id, model_version)"
          + " VALUES (?, ?, ?::integer[], ?, ?)";

  private FeedbackRows() {}

  /** The answer to a request whose row could not be committed. */
  static FeedbackUnavailable databaseUnavailable() {
    return new FeedbackUnavailable(FeedbackUnavailable.Reason.DATABASE);
  }

  /** The COPY stream of {@code batch}, written into {@code out} (reset first). */
  static void copy(List<PendingFeedback> batch, BinaryCopy out) {
    out.reset();
    out.raw(BinaryCopy.HEADER);
    for (PendingFeedback p : batch) {
      FeedbackRequest f = p.request();
      int[] others = f.otherPlaylists();
      out.row(5)
          .int4Field(f.userId())
          .int4Field(f.likePlaylist())
          .int4ArrayField(others, 0, others.length)
          .textField(f.requestId())
          .textField(f.modelVersion());
    }
    out.raw(BinaryCopy.TRAILER);
  }

  static void bind(PreparedStatement ps, FeedbackRequest f) throws SQLException {
    ps.setInt(1, f.userId());
    ps.setInt(2, f.likePlaylist());
    ps.setString(3, arrayLiteral(f.otherPlaylists()));
    ps.setString(4, f.requestId());
    ps.setString(5, f.modelVersion());
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
