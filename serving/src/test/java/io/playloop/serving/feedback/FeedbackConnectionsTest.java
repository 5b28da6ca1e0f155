package io.playloop.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Feedback writers have connections of their own: readers using every one of theirs cannot stall
 * it.
 */
class FeedbackConnectionsTest {
  @Test
  void feedbackIsStoredWhileEveryReaderConnectionIsBusy() throws Exception {
    try (TestServer server =
        TestServer.start(
            c -> Fixtures.model(c, "v1", "active", 0),
            Map.of("serving.db-pool-size", 2),
            List.of())) {
      DataSource readers = server.server().context().dataSource();
      List<Connection> held = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        // What a burst of slow dashboard reads does to the readers' pool: every connection busy.
        held.add(readers.getConnection());
        held.add(readers.getConnection());
        List<Future<Integer>> dashboards = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          dashboards.add(pool.submit(() -> server.get("/dashboard").status()));
        }
        for (int u = 1; u <= 20; u++) {
          TestServer.Answer a =
              server.postJson("/feedback", FeedbackIdempotencyTest.feedback(u, 5, null));
          assertThat(a.status()).as(a.body()).isEqualTo(200);
        }
        for (Future<Integer> d : dashboards) {
          d.get(); // answered one way or another; the point is the feedback above
        }
      } finally {
        for (Connection c : held) {
          c.close();
        }
        pool.shutdown();
      }
      assertThat(server.count("SELECT count(*) FROM feedback")).isEqualTo(20);
    }
  }
}
