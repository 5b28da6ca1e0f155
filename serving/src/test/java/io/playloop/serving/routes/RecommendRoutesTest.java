package io.playloop.serving.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecommendRoutesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              Fixtures.recommendations(
                  c,
                  "v1",
                  Map.of(
                      22434, new int[] {14546, 28783, 209745, 29747, 32649, 500, 501},
                      10, new int[] {1, 2, 3, 4, 5, 6, 7, 8},
                      11, new int[] {},
                      12, new int[] {1, 2},
                      13, new int[] {1, 2, 3, 4, 5, 6, 7, 8}));
              Fixtures.popular(c, "v1", 900, 901, 902, 903, 904, 905, 906);
              Fixtures.playlist(c, 2, 10, "Owned by ten");
              Fixtures.playlist(c, 901, 11, "Owned by eleven");
              try (Statement st = c.createStatement()) {
                st.execute(
                    "INSERT INTO feedback (user_id, like_playlist, other_playlists)"
                        + " VALUES (10, 3, '{1,2}')");
              }
            });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<Integer> playlists(JsonNode element) {
    List<Integer> out = new ArrayList<>();
    element.get("playlists").forEach(n -> out.add(n.intValue()));
    return out;
  }

  private static JsonNode recommend(String path, String body) {
    TestServer.Answer a = server.postJson(path, body);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("application/json");
    return a.json();
  }

  @Test
  void answersTheSeedsFormatWithAndWithoutTheTrailingSlash() {
    for (String path : List.of("/api/playlist/recommend/", "/api/playlist/recommend")) {
      JsonNode answer = recommend(path, "{\"user_ids\":[22434]}");
      assertThat(answer.isArray()).isTrue();
      assertThat(answer).hasSize(1);
      JsonNode first = answer.get(0);
      assertThat(first.get("user_id").intValue()).isEqualTo(22434);
      assertThat(playlists(first)).containsExactly(14546, 28783, 209745, 29747, 32649);
      assertThat(first.get("model_version").asText()).isEqualTo("v1");
      assertThat(first.get("request_id").asText()).isNotBlank();
    }
  }

  @Test
  void answersUsersInRequestOrderUnderOneRequestId() {
    JsonNode answer = recommend("/api/playlist/recommend/", "{\"user_ids\":[12,22434,999,12]}");
    assertThat(answer).hasSize(4);
    List<Integer> users = new ArrayList<>();
    answer.forEach(n -> users.add(n.get("user_id").intValue()));
    assertThat(users).containsExactly(12, 22434, 999, 12);
    assertThat(answer.get(0).get("request_id")).isEqualTo(answer.get(2).get("request_id"));
    String requestId = answer.get(0).get("request_id").asText();
    // The repeated user is logged once.
    Eventually.within(
        Duration.ofSeconds(5),
        "three impression rows",
        () ->
            server.count("SELECT count(*) FROM impressions WHERE request_id = '" + requestId + "'")
                == 3);
  }

  @Test
  void leavesOutPlaylistsTheUserOwnsOrAlreadyLiked() {
    JsonNode answer = recommend("/api/playlist/recommend/", "{\"user_ids\":[10]}");
    assertThat(playlists(answer.get(0))).containsExactly(1, 4, 5, 6, 7);
  }

  @Test
  void newFeedbackIsFilteredOutOfTheNextAnswer() {
    TestServer.Answer liked =
        server.postJson(
            "/feedback", "{\"user_id\":13,\"like_playlist\":4,\"other_playlists\":[1,2,3,5]}");
    assertThat(liked.status()).isEqualTo(200);
    JsonNode answer = recommend("/api/playlist/recommend/", "{\"user_ids\":[13]}");
    assertThat(playlists(answer.get(0))).containsExactly(1, 2, 3, 5, 6);
  }

  @Test
  void unknownAndColdUsersGetTheFilteredPopularityList() {
    double before = metric("playloop_popularity_fallbacks_total");
    JsonNode answer = recommend("/api/playlist/recommend/", "{\"user_ids\":[999,11]}");
    assertThat(playlists(answer.get(0))).containsExactly(900, 901, 902, 903, 904);
    // User 11 owns playlist 901.
    assertThat(playlists(answer.get(1))).containsExactly(900, 902, 903, 904, 905);
    assertThat(metric("playloop_popularity_fallbacks_total")).isEqualTo(before + 2);
  }

  @Test
  void shortListsAreToppedUpFromThePopularityList() {
    JsonNode answer = recommend("/api/playlist/recommend/", "{\"user_ids\":[12]}");
    assertThat(playlists(answer.get(0))).containsExactly(1, 2, 900, 901, 902);
  }

  @Test
  void honoursExcludePlaylists() {
    JsonNode answer =
        recommend(
            "/api/playlist/recommend/",
            "{\"user_ids\":[22434,999],\"exclude_playlists\":[28783,900]}");
    assertThat(playlists(answer.get(0))).containsExactly(14546, 209745, 29747, 32649, 500);
    assertThat(playlists(answer.get(1))).containsExactly(901, 902, 903, 904, 905);
  }

  @Test
  void logsWhatWasServedAsImpressions() {
    JsonNode answer = recommend("/api/playlist/recommend/", "{\"user_ids\":[22434]}");
    String requestId = answer.get(0).get("request_id").asText();
    Eventually.within(
        Duration.ofSeconds(5),
        "impression row",
        () ->
            server.count(
                    "SELECT count(*) FROM impressions WHERE request_id = '"
                        + requestId
                        + "' AND user_id = 22434 AND model_version = 'v1'"
                        + " AND playlists = '{14546,28783,209745,29747,32649}'")
                == 1);
  }

  static double metric(String name) {
    return metricOf(server, name);
  }

  /** The sum of a metric's samples on a server's /metrics. */
  static double metricOf(TestServer server, String name) {
    String text = server.get("/metrics").body();
    return text.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
