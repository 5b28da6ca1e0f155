package io.playloop.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feedback exactly once from the client's view: a retry (same request_id, or same Idempotency-Key)
 * is answered 200 again and never stored a second time, also when the first attempt timed out with
 * a 503 and committed later, and when the copies arrive at the same time.
 */
class FeedbackIdempotencyTest {
  private static TestServer server;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server = TestServer.start(c -> Fixtures.model(c, "v1", "active", 0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aRetryWithTheSameRequestIdIsAnswered200AndStoredOnce() {
    // A signed request id is opaque to the feedback store: any string is a key.
    String body = feedback(101, 7, "\"request_id\":\"aGVsbG8.c2lnbmF0dXJl-\"");
    assertThat(server.postJson("/feedback", body).status()).isEqualTo(200);
    TestServer.Answer retry = server.postJson("/feedback", body);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.body()).isEqualTo("{\"msg\":\"Feedback Sent\"}");
    assertThat(rows(101)).isEqualTo(1);
    // Another like after the same answer is another key: stored.
    assertThat(
            server
                .postJson("/feedback", feedback(101, 8, "\"request_id\":\"aGVsbG8.c2lnbmF0dXJl-\""))
                .status())
        .isEqualTo(200);
    assertThat(rows(101)).isEqualTo(2);
  }

  @Test
  void anIdempotencyKeyHeaderMakesFeedbackWithoutRequestIdIdempotent() {
    String body = feedback(102, 7, null);
    Map<String, String> key = Map.of("Idempotency-Key", "3f1c0a52-9b7e-4c1e-8d55-0c2b7e1f6a11");
    assertThat(server.post("/feedback", "application/json", body, key).status()).isEqualTo(200);
    assertThat(server.post("/feedback", "application/json", body, key).status()).isEqualTo(200);
    assertThat(rows(102)).isEqualTo(1);
    // Without any key a client cannot be told from a second like: each request is stored.
    assertThat(server.postJson("/feedback", feedback(103, 7, null)).status()).isEqualTo(200);
    assertThat(server.postJson("/feedback", feedback(103, 7, null)).status()).isEqualTo(200);
    assertThat(rows(103)).isEqualTo(2);
  }

  @Test
  void aMalformedIdempotencyKeyIsRefusedWithAClearError() {
    TestServer.Answer a =
        server.post(
            "/feedback",
            "application/json",
            feedback(104, 7, null),
            Map.of("Idempotency-Key", "two words"));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("error").asText()).contains("Idempotency-Key");
    assertThat(rows(104)).isZero();
  }

  @Test
  void copiesSentAtTheSameTimeAreAllAnswered200AndStoredOnceBesideNewLikes() throws Exception {
    String body = feedback(105, 7, "\"request_id\":\"burst-1\"");
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      answers.add(postAsync(body));
      // New likes in the same batches as the copies: stored although a copy's key is taken.
      answers.add(postAsync(feedback(1000 + i, 7, "\"request_id\":\"burst-1\"")));
    }
    for (var a : answers) {
      assertThat(a.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(rows(105)).isEqualTo(1);
    assertThat(server.count("SELECT count(DISTINCT user_id) FROM feedback WHERE user_id >= 1000"))
        .isEqualTo(40);
    assertThat(server.count("SELECT count(*) FROM feedback WHERE user_id >= 1000")).isEqualTo(40);
  }

  /**
   * The first attempt waits on a locked table until its request times out (503), and commits once
   * the lock goes; the client's retry, sent meanwhile, is answered 200 without a second row.
   */
  @Test
  void aRetryAfterA503TimeoutThatCommittedLaterIsNotStoredTwice() throws Exception {
    String body = feedback(106, 7, "\"request_id\":\"slow-1\"");
    try (Connection locker = server.db().connect()) {
      locker.setAutoCommit(false);
      try (Statement st = locker.createStatement()) {
        st.execute("LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE");
      }
      HttpResponse<String> first = postAsync(body).get(30, TimeUnit.SECONDS);
      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(first.body()).contains("retry");
      CompletableFuture<HttpResponse<String>> retry = postAsync(body);
      Thread.sleep(300); // the retry is queued behind the lock too
      locker.rollback();
      assertThat(retry.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(rows(106)).isEqualTo(1);
  }

  private static CompletableFuture<HttpResponse<String>> postAsync(String body) {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(URI.create(server.url("/feedback")))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String feedback(int user, int like, String extra) {
    return "{\"user_id\":"
        + user
        + ",\"like_playlist\":"
        + like
        + ",\"other_playlists\":["
        + (like + 1)
        + ","
        + (like + 2)
        + "]"
        + (extra == null ? "" : "," + extra)
        + "}";
  }

  private static long rows(int user) {
    return server.count("SELECT count(*) FROM feedback WHERE user_id = " + user);
  }
}
