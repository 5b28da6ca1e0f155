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
}
