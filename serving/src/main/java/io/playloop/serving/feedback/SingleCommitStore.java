package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.model.LikedPlaylists;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * The baseline: one INSERT transaction per request on the request thread. Durable like {@link
 * GroupCommitWriter}; kept for the benchmark that measures what group commit buys.
 */
public final class SingleCommitStore implements FeedbackStore {
  private final DataSource dataSource;
  private final ServingMetrics metrics;
  private final LikedPlaylists liked;

  public SingleCommitStore(DataSource dataSource, ServingMetrics metrics, LikedPlaylists liked) {
    this.dataSource = dataSource;
    this.metrics = metrics;
    this.liked = liked;
  }

  @Override
  public CompletableFuture<Void> store(FeedbackRequest f) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(FeedbackRows.INSERT)) {
      c.setAutoCommit(true);
      FeedbackRows.bind(ps, f);
      ps.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      metrics.feedbackFailed(1);
      return CompletableFuture.failedFuture(FeedbackRows.databaseUnavailable());
    }
    metrics.feedbackCommitted(1);
    liked.add(f.userId(), f.likePlaylist());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {}
}
