package io.playloop.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the API's requests: a 4xx with a JSON error naming the field, nothing stored. */
class ValidationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              Fixtures.recommendations(c, "v1", Map.of(7, new int[] {1, 2, 3, 4, 5, 6}));
              Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
            });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String ids(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  private static void assertRejected(TestServer.Answer a, int status, String mentions) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.contentType()).startsWith("application/json");
    var json = a.json();
    assertThat(json.size()).isEqualTo(1);
    String error = json.get("error").asText();
    assertThat(error).containsIgnoringCase(mentions);
    assertThat(error).doesNotContain("Exception", "\tat ", "SQL", "INSERT", "jackson");
  }

  @ParameterizedTest(name = "recommend {0} -> {1} naming {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`{`|400|malformed JSON",
        "`{\"user_ids\":[1,]}`|400|malformed JSON",
        "`{\"user_ids\":[1]} x`|400|malformed JSON",
        "`[1,2]`|400|JSON object",
        "`\"user_ids\"`|400|JSON object",
        "`{}`|400|user_ids is required",
        "`{\"userids\":[1]}`|400|user_ids is required",
        "`{\"user_ids\":[]}`|400|user_ids must not be empty",
        "`{\"user_ids\":null}`|400|user_ids must be an array",
        "`{\"user_ids\":\"1\"}`|400|user_ids must be an array",
        "`{\"user_ids\":7}`|400|user_ids must be an array",
        "`{\"user_ids\":{\"a\":1}}`|400|user_ids must be an array",
        "`{\"user_ids\":[1.5]}`|400|user_ids[0]",
        "`{\"user_ids\":[7,\"1\"]}`|400|user_ids[1]",
        "`{\"user_ids\":[0]}`|400|user_ids[0] must be a positive integer",
        "`{\"user_ids\":[-3]}`|400|user_ids[0] must be a positive integer",
        "`{\"user_ids\":[2147483648]}`|400|user_ids[0]",
        "`{\"user_ids\":[null]}`|400|user_ids[0]",
        "`{\"user_ids\":[1],\"user_ids\":[2]}`|400|duplicate field user_ids",
        "`{\"user_ids\":[1],\"exclude_playlists\":[0]}`|400|exclude_playlists[0]",
        "`{\"user_ids\":[1],\"exclude_playlists\":\"a\"}`|400|exclude_playlists must be an array",
      })
  void rejectsBadRecommendBodies(String body, int status, String mentions) {
    assertRejected(server.postJson("/api/playlist/recommend/", body), status, mentions);
  }

  @ParameterizedTest(name = "feedback {0} -> {1} naming {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`{\"like_playlist\":2,\"other_playlists\":[3]}`|400|user_id is required",
        "`{\"user_id\":1,\"other_playlists\":[3]}`|400|like_playlist is required",
        "`{\"user_id\":1,\"like_playlist\":2}`|400|other_playlists is required",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[]}`|400|other_playlists must not be empty",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3,4,3]}`|400|other_playlists must not contain duplicates",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3,2]}`|400|other_playlists must not contain like_playlist",
        "`{\"user_id\":0,\"like_playlist\":2,\"other_playlists\":[3]}`|400|user_id must be a positive integer",
        "`{\"user_id\":-1,\"like_playlist\":2,\"other_playlists\":[3]}`|400|user_id must be a positive integer",
        "`{\"user_id\":\"1\",\"like_playlist\":2,\"other_playlists\":[3]}`|400|user_id must be a positive integer",
        "`{\"user_id\":1,\"like_playlist\":2.0,\"other_playlists\":[3]}`|400|like_playlist must be a positive integer",
        "`{\"user_id\":1,\"like_playlist\":null,\"other_playlists\":[3]}`|400|like_playlist must be a positive integer",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[0]}`|400|other_playlists[0]",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":{\"a\":3}}`|400|other_playlists must be an array",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3],\"request_id\":5}`|400|request_id must be a string",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3],\"request_id\":\"a\\u0000b\"}`|400|request_id must not contain control characters",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3],\"model_version\":[]}`|400|model_version must be a string",
        "`{\"user_id\":1,\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3]}`|400|duplicate field user_id",
        "`{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3]`|400|malformed JSON",
        "`null`|400|JSON object",
      })
  void rejectsBadFeedbackBodiesAndStoresNothing(String body, int status, String mentions) {
    long before = server.count("SELECT count(*) FROM feedback");
    assertRejected(server.postJson("/feedback", body), status, mentions);
    assertThat(server.count("SELECT count(*) FROM feedback")).isEqualTo(before);
  }

  @Test
  void limitsListLengthsFromTheConfiguration() {
    assertRejected(
        server.postJson("/api/playlist/recommend/", "{\"user_ids\":[" + ids(1001) + "]}"),
        400,
        "user_ids has more than 1000 entries");
    assertThat(
            server
                .postJson("/api/playlist/recommend/", "{\"user_ids\":[" + ids(1000) + "]}")
                .status())
        .isEqualTo(200);
    assertRejected(
        server.postJson(
            "/feedback",
            "{\"user_id\":1,\"like_playlist\":999,\"other_playlists\":[" + ids(101) + "]}"),
        400,
        "other_playlists has more than 100 entries");
  }

  @Test
  void rejectsBodiesOverTheSizeLimitWithOrWithoutALength() {
    String huge = "{\"user_ids\":[7],\"pad\":\"" + "x".repeat(70_000) + "\"}";
    byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
    assertRejected(server.postBytes("/api/playlist/recommend/", bytes, false), 413, "65536 bytes");
    assertRejected(server.postBytes("/api/playlist/recommend/", bytes, true), 413, "65536 bytes");
    assertRejected(server.postBytes("/feedback", bytes, true), 413, "65536 bytes");
  }

  @Test
  void acceptsChunkedBodiesUnderTheLimit() {
    byte[] body = "{\"user_ids\":[7]}".getBytes(StandardCharsets.UTF_8);
    assertThat(server.postBytes("/api/playlist/recommend/", body, true).status()).isEqualTo(200);
  }

  @Test
  void rejectsWrongOrMissingContentTypes() {
    String body = "{\"user_ids\":[7]}";
    assertRejected(
        server.post("/api/playlist/recommend/", "text/plain", body, Map.of()),
        415,
        "Content-Type must be application/json");
    assertRejected(server.post("/api/playlist/recommend/", null, body, Map.of()), 415, "has none");
    assertRejected(
        server.post(
            "/feedback",
            "application/x-www-form-urlencoded",
            "{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3]}",
            Map.of()),
        415,
        "Content-Type");
    assertThat(
            server
                .post("/api/playlist/recommend/", "application/json; charset=utf-8", body, Map.of())
                .status())
        .isEqualTo(200);
  }

  @Test
  void rejectsAnEmptyBody() {
    assertRejected(server.postJson("/feedback", ""), 400, "request body is empty");
  }

  @Test
  void ignoresUnknownFields() {
    var a =
        server.postJson(
            "/api/playlist/recommend/", "{\"user_ids\":[7],\"debug\":{\"x\":[1,{\"y\":null}]}}");
    assertThat(a.status()).isEqualTo(200);
    long before = server.count("SELECT count(*) FROM feedback");
    var f =
        server.postJson(
            "/feedback",
            "{\"user_id\":7,\"like_playlist\":2,\"other_playlists\":[3],\"extra\":[true]}");
    assertThat(f.status()).isEqualTo(200);
    assertThat(server.count("SELECT count(*) FROM feedback")).isEqualTo(before + 1);
  }

  @Test
  void unknownRoutesAndMethodsGetJsonErrors() {
    var a = server.get("/no/such/thing");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().get("error").asText()).contains("no such route");
    var g = server.get("/api/playlist/recommend/");
    assertThat(g.status()).isIn(404, 405);
    assertThat(g.json().has("error")).isTrue();
  }
}
