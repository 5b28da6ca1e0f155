package io.playloop.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficSplitTest {
  private static final int USERS = 2000;

  @Test
  void aCandidateServesAStableShareOfUsersAndSaysSo() {
    try (TestServer server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              Fixtures.model(c, "v2", "candidate", 0.3);
              Fixtures.syntheticRecommendations(c, "v1", USERS, 6, 0);
              Fixtures.syntheticRecommendations(c, "v2", USERS, 6, 1);
              Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
              Fixtures.popular(c, "v2", 1, 2, 3, 4, 5);
            })) {
      Map<Integer, String> first = servedVersions(server);
      long candidate = first.values().stream().filter("v2"::equals).count();
      assertThat(candidate).isBetween((long) (USERS * 0.25), (long) (USERS * 0.35));
      assertThat(servedVersions(server)).isEqualTo(first);
      // The split follows the stable hash, so it is the same in any server.
      first.forEach(
          (user, version) ->
              assertThat(version).isEqualTo(ServingModels.bucket(user) < 0.3 ? "v2" : "v1"));

      server.sql(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE models SET traffic_share = 0 WHERE model_version = 'v2'")) {
              ps.executeUpdate();
            }
          });
      assertThat(server.post("/admin/reload-model", "application/json", "{}", Map.of()).status())
          .isEqualTo(200);
      assertThat(servedVersions(server).values()).containsOnly("v1");
    }
  }

  @Test
  void bucketsAreSpreadEvenly() {
    int[] counts = new int[10];
    for (int u = 1; u <= 100_000; u++) {
      double b = ServingModels.bucket(u);
      assertThat(b).isBetween(0.0, 0.9999999);
      counts[(int) (b * 10)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(9_500, 10_500);
    }
  }

  /** user -> model_version for every user, checking that the lists match the version. */
  private static Map<Integer, String> servedVersions(TestServer server) {
    Map<Integer, String> out = new HashMap<>();
    for (int from = 1; from <= USERS; from += 1000) {
      String ids =
          IntStream.range(from, from + 1000)
              .mapToObj(Integer::toString)
              .collect(Collectors.joining(","));
      TestServer.Answer a =
          server.postJson("/api/playlist/recommend/", "{\"user_ids\":[" + ids + "]}");
      assertThat(a.status()).isEqualTo(200);
      for (JsonNode n : a.json()) {
        int user = n.get("user_id").intValue();
        String version = n.get("model_version").asText();
        int offset = version.equals("v2") ? 1 : 0;
        assertThat(n.get("playlists").get(0).intValue())
            .isEqualTo(100000 + ((user * 7 + 13 + offset) % 50000));
        out.put(user, version);
      }
    }
    return out;
  }
}
