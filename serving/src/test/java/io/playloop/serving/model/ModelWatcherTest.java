package io.playloop.serving.model;

import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelWatcherTest {
  @Test
  void aVersionActivatedBeforeItsListsArrivedIsLoadedAgainOnceTheyDo() {
    try (TestServer server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "e1", "active", 0);
              Fixtures.popular(c, "e1", 1, 2, 3, 4, 5);
            })) {
      String fallback = "[{\"user_id\":5,\"playlists\":[1,2,3,4,5]";
      org.assertj.core.api.Assertions.assertThat(
              server.postJson("/api/playlist/recommend/", "{\"user_ids\":[5]}").body())
          .startsWith(fallback);
      server.sql(c -> Fixtures.recommendations(c, "e1", Map.of(5, new int[] {9, 8, 7, 6, 5})));
      Eventually.within(
          Duration.ofSeconds(10),
          "the late lists served",
          () ->
              server
                  .postJson("/api/playlist/recommend/", "{\"user_ids\":[5]}")
                  .body()
                  .startsWith("[{\"user_id\":5,\"playlists\":[9,8,7,6,5]"));
    }
  }

  @Test
  void thePollSurvivesAnUnreadableModelsTableAndItsLastSuccessShowsTheGap() throws Exception {
    try (TestServer server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "e1", "active", 0);
              Fixtures.popular(c, "e1", 1, 2, 3, 4, 5);
            })) {
      Eventually.within(
          Duration.ofSeconds(10), "a successful poll recorded", () -> lastPoll(server) > 0);
      server.sql(
          c -> {
            try (var st = c.createStatement()) {
              st.execute("ALTER TABLE models RENAME TO models_away");
            }
          });
      Thread.sleep(1500); // several polls (every 0.2 s) fail meanwhile
      double stuck = lastPoll(server);
      Thread.sleep(1000);
      org.assertj.core.api.Assertions.assertThat(lastPoll(server)).isEqualTo(stuck);
      // Still serving the loaded snapshot.
      org.assertj.core.api.Assertions.assertThat(
              server.postJson("/api/playlist/recommend/", "{\"user_ids\":[5]}").status())
          .isEqualTo(200);
      server.sql(
          c -> {
            try (var st = c.createStatement()) {
              st.execute("ALTER TABLE models_away RENAME TO models");
            }
          });
      Eventually.within(
          Duration.ofSeconds(10), "polls succeed again", () -> lastPoll(server) > stuck);
    }
  }

  /** playloop_model_poll_last_success_timestamp_seconds as /metrics shows it (0 when absent). */
  private static double lastPoll(TestServer server) {
    for (String line : server.get("/metrics").body().split("\n")) {
      if (line.startsWith("playloop_model_poll_last_success_timestamp_seconds ")) {
        return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
      }
    }
    return 0;
  }
}
