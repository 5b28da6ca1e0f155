package io.playloop.serving.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeedbackRoutesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(c -> Fixtures.model(c, "v1", "active", 0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void answersTheSeedsBodyOnceTheRowIsCommitted() throws Exception {
    TestServer.Answer a =
        server.postJson(
            "/feedback",
            "{\"user_id\":22434,\"like_playlist\":28783,"
                + "\"other_playlists\":[14546,209745,29747,32649],"
                + "\"request_id\":\"r-1\",\"model_version\":\"v1\"}");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo("{\"msg\":\"Feedback Sent\"}");
    assertThat(a.contentType()).startsWith("application/json");
    server.sql(
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT like_playlist, other_playlists::text, request_id, model_version"
                          + " FROM feedback WHERE user_id = 22434")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(28783);
            assertThat(rs.getString(2)).isEqualTo("{14546,209745,29747,32649}");
            assertThat(rs.getString(3)).isEqualTo("r-1");
            assertThat(rs.getString(4)).isEqualTo("v1");
            assertThat(rs.next()).isFalse();
          }
        });
  }

  @Test
  void concurrentRequestsAreAllCommittedAndCounted() throws Exception {
    int n = 400;
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int user = 5000 + i;
      answers.add(
          pool.submit(
              () ->
                  server
                      .postJson(
                          "/feedback",
                          "{\"user_id\":"
                              + user
                              + ",\"like_playlist\":1,\"other_playlists\":[2,3,4,5]}")
                      .status()));
    }
    for (Future<Integer> f : answers) {
      assertThat(f.get()).isEqualTo(200);
    }
    pool.shutdown();
    assertThat(server.count("SELECT count(*) FROM feedback WHERE user_id BETWEEN 5000 AND 5399"))
        .isEqualTo(n);
    double rows = RecommendRoutesTest.metricOf(server, "playloop_feedback_rows_total");
    double batchSum = RecommendRoutesTest.metricOf(server, "playloop_feedback_batch_size_sum");
    assertThat(rows).isGreaterThanOrEqualTo(n);
    assertThat(batchSum).isEqualTo(rows);
  }

  @Test
  void theOneTransactionPerRequestBaselineStoresFeedbackToo() {
    try (TestServer single =
        TestServer.start(
            c -> Fixtures.model(c, "v1", "active", 0),
            Map.of("serving.feedback-commit", "single"),
            List.of())) {
      TestServer.Answer a =
          single.postJson(
              "/feedback", "{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3]}");
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body()).isEqualTo("{\"msg\":\"Feedback Sent\"}");
      assertThat(single.count("SELECT count(*) FROM feedback")).isEqualTo(1);
    }
  }
}
