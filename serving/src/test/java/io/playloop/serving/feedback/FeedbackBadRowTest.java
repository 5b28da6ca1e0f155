package io.playloop.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rows that pass the API's validation but that PostgreSQL refuses (here a CHECK constraint the
 * deployment's database adds) fail only their own request, with a 422 that says why; the rest of
 * their batch is committed, in one transaction.
 */
class FeedbackBadRowTest {
  @Test
  void aRowTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
    // One writer: the first request holds it at the lock, the others queue into one batch.
    try (TestServer server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              try (Statement st = c.createStatement()) {
                st.execute(
                    "ALTER TABLE feedback ADD CONSTRAINT no_playlist_13"
                        + " CHECK (like_playlist <> 13)");
              }
            },
            Map.of("serving.feedback-writers", 1),
            List.of())) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      CompletableFuture<HttpResponse<String>> first;
      List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
      List<CompletableFuture<HttpResponse<String>>> violations = new ArrayList<>();
      try (Connection locker = server.db().connect()) {
        locker.setAutoCommit(false);
        try (Statement st = locker.createStatement()) {
          st.execute("LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE");
        }
        first = post(http, server, "{\"user_id\":1,\"like_playlist\":5,\"other_playlists\":[6]}");
        GroupCommitWriter writer = (GroupCommitWriter) server.server().context().feedback();
        Eventually.within(
            Duration.ofSeconds(10), "the writer waits", () -> writerWaitsOnLock(server));
        for (int u = 2; u <= 5; u++) {
          batch.add(post(http, server, FeedbackIdempotencyTest.feedback(u, 5, null)));
        }
        violations.add(post(http, server, FeedbackIdempotencyTest.feedback(6, 13, null)));
        violations.add(post(http, server, FeedbackIdempotencyTest.feedback(7, 13, null)));
        for (int u = 8; u <= 11; u++) {
          batch.add(post(http, server, FeedbackIdempotencyTest.feedback(u, 5, null)));
        }
        Eventually.within(Duration.ofSeconds(10), "all queued", () -> writer.queued() == 10);
        locker.rollback();
      }
      assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      for (var a : batch) {
        assertThat(a.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      for (var v : violations) {
        HttpResponse<String> refused = v.get(30, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body())
            .startsWith("{\"error\":")
            .contains("rejected by the database")
            .contains("violates check constraint")
            .contains("no_playlist_13");
      }

      assertThat(server.count("SELECT count(*) FROM feedback")).isEqualTo(9);
      assertThat(server.count("SELECT count(*) FROM feedback WHERE user_id IN (6, 7)")).isZero();
      // The eight good rows of the batch were committed in one transaction (now() is its start).
      assertThat(server.count("SELECT count(DISTINCT created_at) FROM feedback WHERE user_id > 1"))
          .isEqualTo(1);
      assertThat(server.count("SELECT count(DISTINCT created_at) FROM feedback")).isEqualTo(2);
      assertThat(server.get("/metrics").body()).contains("playloop_feedback_rejected_total 2.0");
    }
  }

  /** Whether the feedback writer's INSERT waits for the table lock. */
  static boolean writerWaitsOnLock(TestServer server) {
    return server.count(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query ~ '^(COPY|INSERT INTO) feedback '")
        > 0;
  }

  private static CompletableFuture<HttpResponse<String>> post(
      HttpClient http, TestServer server, String body) {
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create(server.url("/feedback")))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
