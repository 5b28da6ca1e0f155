package io.playloop.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestCredentials;
import io.playloop.serving.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A public page with feedback.require-served: visitors need no secret, and their like is accepted
 * only with the signed request_id of the answer that served it to them.
 */
class RequireServedTest {
  private static TestCredentials credentials;
  private static TestServer server;

  @BeforeAll
  static void start() {
    credentials = TestCredentials.create("backend=feedback");
    Map<String, Object> settings = new HashMap<>(credentials.settings());
    settings.put("serving.auth.public-page", true);
    settings.put("serving.feedback.require-served", true);
    settings.put("serving.feedback.served-key", "a-test-key-of-at-least-32-characters!");
    server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              Fixtures.recommendations(
                  c,
                  "v1",
                  Map.of(
                      42, new int[] {11, 12, 13, 14, 15},
                      43, new int[] {21, 22, 23, 24, 25},
                      44, new int[] {31, 32, 33, 34, 35}));
              Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
            },
            settings,
            List.of());
  }

  @AfterAll
  static void stop() {
    server.close();
    credentials.close();
  }

  /** What a visitor was served: the element of the recommend answer. */
  private static JsonNode recommend(int user) {
    TestServer.Answer a =
        server.postJson("/api/playlist/recommend/", "{\"user_ids\":[" + user + "]}");
    assertThat(a.status()).isEqualTo(200);
    return a.json().get(0);
  }

  private static TestServer.Answer like(
      int user, int liked, String others, String requestId, String version) {
    String body =
        "{\"user_id\":"
            + user
            + ",\"like_playlist\":"
            + liked
            + ",\"other_playlists\":["
            + others
            + "]"
            + (requestId == null ? "" : ",\"request_id\":\"" + requestId + "\"")
            + (version == null ? "" : ",\"model_version\":\"" + version + "\"")
            + "}";
    return server.postJson("/feedback", body);
  }

  @Test
  void aVisitorsLikeOfWhatWasServedIsStoredOnceWithoutAnySecret() {
    JsonNode served = recommend(42);
    String id = served.get("request_id").asText();
    assertThat(id).matches("[a-z0-9]+-[a-z0-9]+\\.[A-Za-z0-9_-]{11}");
    String base = id.substring(0, id.indexOf('.'));
    // Any order of the others: what counts is the set served.
    TestServer.Answer first = like(42, 12, "15,11,14,13", id, "v1");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(like(42, 12, "15,11,14,13", id, "v1").status()).isEqualTo(200);
    assertThat(server.count("SELECT count(*) FROM feedback WHERE user_id = 42")).isEqualTo(1);
    Eventually.within(
        Duration.ofSeconds(5),
        "the impression stored under the request id without its tag",
        () ->
            server.count(
                    "SELECT count(*) FROM impressions WHERE user_id = 42 AND request_id = '"
                        + base
                        + "'")
                == 1);
  }

  @Test
  void aForgedOrBorrowedRequestIdIsRefusedWith403() {
    JsonNode served = recommend(43);
    String id = served.get("request_id").asText();
    char last = id.charAt(id.length() - 1);
    String forged = id.substring(0, id.length() - 1) + (last == 'A' ? 'B' : 'A');
    TestServer.Answer a = like(43, 22, "21,23,24,25", forged, "v1");
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.json().get("error").asText()).contains("request_id does not match");
    // A playlist that was not served, another user, another version, a subset of the others.
    assertThat(like(43, 99, "21,23,24,25", id, "v1").status()).isEqualTo(403);
    assertThat(like(44, 22, "21,23,24,25", id, "v1").status()).isEqualTo(403);
    assertThat(like(43, 22, "21,23,24,25", id, "v2").status()).isEqualTo(403);
    assertThat(like(43, 22, "21,23", id, "v1").status()).isEqualTo(403);
    // An unsigned or missing id.
    TestServer.Answer unsigned =
        like(43, 22, "21,23,24,25", id.substring(0, id.indexOf('.')), "v1");
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.json().get("error").asText()).contains("not one this server signed");
    assertThat(like(43, 22, "21,23,24,25", null, null).status()).isEqualTo(403);
    assertThat(server.count("SELECT count(*) FROM feedback WHERE user_id IN (43, 44)")).isZero();
    // The genuine one still goes through.
    assertThat(like(43, 22, "21,23,24,25", id, "v1").status()).isEqualTo(200);
  }

  @Test
  void aClientWithTheFeedbackScopeNeedsNoSignedId() {
    String body = "{\"user_id\":44,\"like_playlist\":31,\"other_playlists\":[32]}";
    assertThat(server.postJson("/feedback", body).status()).isEqualTo(403);
    TestServer.Answer a =
        server.post(
            "/feedback", "application/json", body, TestServer.bearer(credentials.token("backend")));
    assertThat(a.status()).isEqualTo(200);
    // The page's other reads are open too; the management routes are not.
    assertThat(server.get("/api/playlists?ids=31").status()).isEqualTo(200);
    assertThat(server.get("/metrics").status()).isEqualTo(401);
  }
}
