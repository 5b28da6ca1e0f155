package io.playloop.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.playloop.core.api.FeedbackRequest;
import io.playloop.core.db.TestDatabase;
import io.playloop.serving.Eventually;
import io.playloop.serving.http.Errors;
import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.model.LikedPlaylists;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {
  @Test
  void aFullQueueIsRefusedAtOnceAndTheWaitingRowsCommitOnceTheDatabaseMovesAgain()
      throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(db.url());
      config.setUsername("postgres");
      config.setMaximumPoolSize(2);
      try (HikariDataSource ds = new HikariDataSource(config);
          Connection locker = db.connect()) {
        // A long lock makes the writer's INSERT wait, so the queue behind it fills up.
        locker.setAutoCommit(false);
        try (Statement st = locker.createStatement()) {
          st.execute("LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE");
        }
        ServingMetrics metrics = new ServingMetrics();
        LikedPlaylists liked =
            new LikedPlaylists(new LikedPlaylists.Limits(1000, 50, java.time.Duration.ofDays(28)));
        try (GroupCommitWriter writer = new GroupCommitWriter(ds, metrics, liked, 2, 1000, 1)) {
          CompletableFuture<Void> first = writer.store(new FeedbackRequest(1, 10, 11));
          Eventually.within(
              Duration.ofSeconds(5), "taken by the writer", () -> writer.queued() == 0);
          CompletableFuture<Void> second = writer.store(new FeedbackRequest(2, 10, 11));
          CompletableFuture<Void> third = writer.store(new FeedbackRequest(3, 10, 11));
          CompletableFuture<Void> refused = writer.store(new FeedbackRequest(4, 10, 11));
          // Refused at once: the answer is already there when store() returns.
          assertThat(refused).isCompletedExceptionally();
          try {
            refused.get();
          } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(FeedbackUnavailable.class);
            assertThat(((FeedbackUnavailable) e.getCause()).reason())
                .isEqualTo(FeedbackUnavailable.Reason.QUEUE_FULL);
            assertThat(Errors.status(e.getCause())).isEqualTo(503);
            assertThat(e.getCause().getMessage()).contains("queue is full");
          }
          assertThat(first).isNotDone();
          assertThat(second).isNotDone();

          locker.rollback();
          CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
          assertThat(liked.of(3)).containsExactly(10);
        }
        try (Statement st = locker.createStatement();
            ResultSet rs =
                st.executeQuery("SELECT array_agg(user_id ORDER BY user_id)::text FROM feedback")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("{1,2,3}");
        }
      }
    }
  }
}
