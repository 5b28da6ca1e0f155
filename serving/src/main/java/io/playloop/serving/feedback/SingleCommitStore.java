package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.model.LikedPlaylists;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * The baseline: one INSERT transaction per request on the request thread. Durable and idempotent
 * like {@link GroupCommitWriter}; kept for the benchmark that measures what group commit buys.
 */
public final class SingleCommitStore implements FeedbackStore {
  private final DataSource dataSource;
  private final ServingMetrics metrics;
  private final FeedbackCounters counters;
  private final LikedPlaylists liked;

  public SingleCommitStore(DataSource dataSource, ServingMetrics metrics, LikedPlaylists liked) {
    this.dataSource = dataSource;
    this.metrics = metrics;
    this.counters = new FeedbackCounters(metrics.registry());
    this.liked = liked;
  }

  @Override
  public CompletableFuture<Void> store(FeedbackRequest f, UUID idempotencyKey) {
    int stored;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(FeedbackRows.INSERT)) {
      c.setAutoCommit(true);
      FeedbackRows.bind(ps, f, idempotencyKey);
      stored = ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlFailure.of(e) == SqlFailure.BAD_ROW) {
        counters.rejected.inc();
        return CompletableFuture.failedFuture(FeedbackRows.rejected(e));
      }
      metrics.feedbackFailed(1);
      return CompletableFuture.failedFuture(FeedbackRows.databaseUnavailable());
    } catch (RuntimeException e) {
      metrics.feedbackFailed(1);
      return CompletableFuture.failedFuture(FeedbackRows.databaseUnavailable());
    }
    metrics.feedbackCommitted(1);
    counters.duplicates.inc(1 - stored);
    liked.add(f.userId(), f.likePlaylist());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {}
}
