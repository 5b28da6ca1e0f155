package io.playloop.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.playloop.core.db.TestDatabase;
import io.playloop.serving.ServingSettings;
import io.playloop.serving.TestServer;
import io.playloop.serving.pg.PostgresPool;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter loads the likes of its window only, the newest of each user up to the cap. */
class LikedPlaylistsLoaderTest {
  @Test
  void loadsTheLikesInsideTheWindowNewestFirstUpToTheCap() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO feedback (user_id, like_playlist, other_playlists, created_at) VALUES"
                + " (1, 100, '{}', now() - interval '40 days'),"
                + " (2, 200, '{}', now() - interval '40 days'),"
                + " (2, 201, '{}', now() - interval '2 days'),"
                + " (3, 301, '{}', now() - interval '5 days'),"
                + " (3, 302, '{}', now() - interval '4 days'),"
                + " (3, 303, '{}', now() - interval '3 days'),"
                + " (3, 304, '{}', now() - interval '1 day')");
      }
      ServingSettings settings =
          TestServer.settings(
              db.url(),
              Map.of(
                  "serving.liked.window-days", 28,
                  "serving.liked.max-per-user", 2,
                  "serving.liked.max-users", 1000));
      assertThat(settings.liked().window()).isEqualTo(Duration.ofDays(28));
      try (HikariDataSource ds = PostgresPool.open("test", db.settings(), 1)) {
        LikedPlaylists liked = LikedPlaylistsLoader.load(ds, settings.liked());
        assertThat(liked.of(1)).isEmpty();
        assertThat(liked.of(2)).containsExactly(201);
        assertThat(liked.of(3)).containsExactly(303, 304);
        assertThat(liked.users()).isEqualTo(2);
      }
    }
  }

  @Test
  void theWindowFollowsThePipelinesTrainingWindowAndBadLimitsAreRefused() {
    ServingSettings settings =
        TestServer.settings("jdbc:postgresql://x/y", Map.of("pipeline.window-days", 14));
    assertThat(settings.liked().window()).isEqualTo(Duration.ofDays(14));
    assertThatThrownBy(
            () ->
                TestServer.settings("jdbc:postgresql://x/y", Map.of("serving.liked.max-users", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("playloop.serving.liked.max-users must be positive");
  }
}
