package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The feedback INSERT, shared by the group-commit writer and the one-per-request baseline. */
final class FeedbackRows {
  static final String INSERT =
      "INSERT INTO feedback (user_id, like_playlist, other_playlists, request_id, model_version)"
          + " VALUES (?, ?, ?::integer[], ?, ?)";

  private FeedbackRows() {}

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
