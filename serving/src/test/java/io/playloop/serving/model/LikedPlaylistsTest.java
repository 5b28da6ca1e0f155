package io.playloop.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LikedPlaylistsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void keepsEveryLikeOnceAcrossGrowthAndThreads() throws Exception {
    LikedPlaylists liked = new LikedPlaylists(limits(1_000_000, 50, 28));
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

  @Test
  void aUserKeepsTheNewestLikesUpToTheCap() {
    LikedPlaylists liked = new LikedPlaylists(limits(1000, 5, 28));
    for (int p = 1; p <= 12; p++) {
      liked.add(7, p, T0.plusSeconds(p));
    }
    assertThat(liked.of(7)).containsExactly(8, 9, 10, 11, 12);
    liked.add(7, 10, T0.plusSeconds(20)); // already kept: nothing changes
    assertThat(liked.of(7)).containsExactly(8, 9, 10, 11, 12);
  }

  @Test
  void whenFullTheUsersWhoLikedMostRecentlyStay() {
    LikedPlaylists liked = new LikedPlaylists(limits(2048, 10, 28));
    for (int u = 1; u <= 10_000; u++) {
      liked.add(u, 1000 + u, T0.plusSeconds(u));
    }
    assertThat(liked.users()).isBetween(1024, 2048);
    // The 500 most recent are all there; the first 5000 are long gone.
    for (int u = 9_501; u <= 10_000; u++) {
      assertThat(liked.of(u)).as("user " + u).containsExactly(1000 + u);
    }
    for (int u = 1; u <= 5_000; u++) {
      assertThat(liked.of(u)).as("user " + u).isEmpty();
    }
  }

  @Test
  void usersWhoseLastLikeLeftTheWindowAreForgotten() {
    LikedPlaylists liked = new LikedPlaylists(limits(1_000_000, 10, 1));
    liked.add(1, 11, T0);
    liked.add(2, 12, T0.plus(Duration.ofHours(20)));
    assertThat(liked.of(1)).containsExactly(11);
    // A day and a quarter later the first like is out of the window; the second is not.
    liked.add(3, 13, T0.plus(Duration.ofHours(30)));
    assertThat(liked.of(1)).isEmpty();
    assertThat(liked.of(2)).containsExactly(12);
    assertThat(liked.of(3)).containsExactly(13);
    assertThat(liked.users()).isEqualTo(2);
  }

  /**
   * A flood of one million random users (and a hundred users with a thousand likes each) through
   * the add path the feedback writers use: the heap the filter retains stays under what its limits
   * allow, however many users came by.
   */
  @Test
  void aMillionRandomUsersStayWithinTheHeapTheLimitsAllow() throws Exception {
    LikedPlaylists.Limits limits = limits(100_000, 20, 28);
    long bound = limits.maxUsers() * (64L + 4L * limits.maxPerUser());
    long before = retainedHeap();
    LikedPlaylists liked = new LikedPlaylists(limits);
    SplittableRandom random = new SplittableRandom(13);
    int last = 0;
    for (int i = 0; i < 1_000_000; i++) {
      last = 1 + random.nextInt(Integer.MAX_VALUE - 1);
      liked.add(last, 1 + random.nextInt(1_000_000));
    }
    for (int u = 1; u <= 100; u++) {
      for (int p = 1; p <= 1000; p++) {
        liked.add(u, p);
      }
    }
    long retained = retainedHeap() - before;

    assertThat(liked.users()).isLessThanOrEqualTo(limits.maxUsers());
    assertThat(liked.of(100)).hasSize(20).endsWith(1000);
    assertThat(liked.of(last)).hasSize(1);
    assertThat(liked.bytes()).isLessThanOrEqualTo(bound);
    assertThat(retained).as("retained heap bytes, bound %,d", bound).isLessThan(bound);
    Reference.reachabilityFence(liked);
  }

  private static LikedPlaylists.Limits limits(int maxUsers, int maxPerUser, int windowDays) {
    return new LikedPlaylists.Limits(maxUsers, maxPerUser, Duration.ofDays(windowDays));
  }

  /** The heap in use after full collections: what live objects retain. */
  private static long retainedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
