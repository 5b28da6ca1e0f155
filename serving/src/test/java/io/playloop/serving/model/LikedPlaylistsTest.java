package io.playloop.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LikedPlaylistsTest {
  @Test
  void keepsEveryLikeOnceAcrossGrowthAndThreads() throws Exception {
    LikedPlaylists liked = new LikedPlaylists();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      Thread w =
          new Thread(
              () -> {
                for (int u = 1; u <= 20_000; u++) {
                  liked.add(u, 100 + offset);
                  liked.add(u, 100 + offset); // a repeated like is kept once
                }
              });
      writers.add(w);
      w.start();
    }
    for (Thread w : writers) {
      w.join();
    }
    assertThat(liked.users()).isEqualTo(20_000);
    for (int u = 1; u <= 20_000; u += 97) {
      assertThat(liked.of(u)).containsExactlyInAnyOrder(100, 101, 102, 103);
    }
    assertThat(liked.of(20_001)).isEmpty();
  }
}
