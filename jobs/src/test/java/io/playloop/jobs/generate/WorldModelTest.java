package io.playloop.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorldModelTest {
  private final WorldModel model =
      new WorldModel(
          new WorldSpec(
              1000,
              1000,
              20000,
              42,
              50,
              0.9,
              new SizeRange(10, 60, 400),
              new SizeRange(8, 30, 150),
              2.0,
              5.5));

  @Test
  void theSameIdGivesTheSameLibraryAndPlaylist() {
    assertThat(model.library(17).songs()).isEqualTo(model.library(17).songs());
    assertThat(model.library(17).exploration()).isEqualTo(model.library(17).exploration());
    assertThat(model.playlist(5).songs()).isEqualTo(model.playlist(5).songs());
    assertThat(model.library(17).songs()).isNotEqualTo(model.library(18).songs());
  }

  @Test
  void sizesStayInTheirRangesAndSongsAreDistinct() {
    for (int u = 0; u < 200; u++) {
      int[] songs = model.library(u).songs();
      assertThat(songs.length).isBetween(10, 400);
      assertThat(Arrays.stream(songs).distinct().count()).isEqualTo(songs.length);
      assertThat(Arrays.stream(songs).allMatch(s -> s >= 0 && s < 20000)).isTrue();
    }
  }

  @Test
  void explorationFollowsBetaTwoFiveAndAHalfWithMedianNearAQuarter() {
    double[] e = new double[4000];
    for (int u = 0; u < e.length; u++) {
      e[u] = model.library(u).exploration();
    }
    Arrays.sort(e);
    assertThat(e[0]).isGreaterThan(0);
    assertThat(e[e.length - 1]).isLessThan(1);
    // Beta(2, 5.5): median 0.237, mean 2/7.5 = 0.267
    assertThat(e[e.length / 2]).isBetween(0.21, 0.27);
    assertThat(Arrays.stream(e).average().orElseThrow()).isBetween(0.25, 0.285);
  }

  @Test
  void playlistsShareFarMoreSongsWithLibrariesThanUniformDrawsWould() {
    int pairs = 0;
    long shared = 0;
    for (int p = 0; p < 50; p++) {
      int[] songs = model.playlist(p).songs();
      for (int u = 0; u < 100; u++) {
        int[] lib = model.library(u).songs();
        shared += Arrays.stream(songs).filter(s -> Arrays.binarySearch(lib, s) >= 0).count();
        pairs++;
      }
    }
    // Uniform libraries of 60 songs out of 20000 would share 30*60/20000 = 0.09 songs per pair;
    // Zipf popularity inside taste clusters makes overlaps many times larger.
    assertThat(shared / (double) pairs).isGreaterThan(0.5);
  }

  @Test
  void gammaSamplerHasTheRightMean() {
    SplittableRandom r = new SplittableRandom(3);
    double sum = 0;
    for (int i = 0; i < 20000; i++) {
      sum += Rng.gamma(r, 0.5);
    }
    assertThat(sum / 20000).isBetween(0.47, 0.53);
  }

  @Test
  void driftMovesTheMainTasteButKeepsSizeAndExploration() {
    WorldModel.Library before = model.library(9);
    assertThat(model.library(9, 0, Drift.everyWeek(1.0, 10)).songs()).isEqualTo(before.songs());
    assertThat(model.library(9, 5, Drift.everyWeek(0.0, 10)).songs()).isEqualTo(before.songs());
    WorldModel.Library after = model.library(9, 1, Drift.everyWeek(1.0, 10));
    assertThat(after.songs()).hasSameSizeAs(before.songs()).isNotEqualTo(before.songs());
    assertThat(after.exploration()).isEqualTo(before.exploration());
    assertThat(model.library(9, 3, Drift.everyWeek(0.5, 10)).songs())
        .isEqualTo(model.library(9, 3, Drift.everyWeek(0.5, 10)).songs());
    // Over many users, a weekly drift rate of 1 changes most of each library.
    int overlap = 0;
    int total = 0;
    for (int u = 0; u < 100; u++) {
      int[] a = model.library(u).songs();
      int[] b = model.library(u, 1, Drift.everyWeek(1.0, 10)).songs();
      overlap += (int) Arrays.stream(b).filter(s -> Arrays.binarySearch(a, s) >= 0).count();
      total += a.length;
    }
    assertThat(overlap).isLessThan(total / 2);
  }

  @Test
  void aStepDriftMovesTastesOnlyInItsWeekAndWeekZeroIsTheBootstrapLibrary() {
    Drift step = new Drift(0.5, 3, 3, 6);
    int moved = 0;
    for (int u = 0; u < 200; u++) {
      int[] bootstrap = model.library(u).songs();
      assertThat(model.library(u, 0, step).songs()).isEqualTo(bootstrap);
      assertThat(model.library(u, 2, step).songs()).isEqualTo(bootstrap);
      assertThat(model.moves(u, 2, step)).isZero();
      int[] week3 = model.library(u, 3, step).songs();
      assertThat(model.library(u, 6, step).songs()).isEqualTo(week3);
      if (model.moves(u, 3, step) == 1) {
        assertThat(week3).isNotEqualTo(bootstrap);
        moved++;
      } else {
        assertThat(week3).isEqualTo(bootstrap);
      }
    }
    assertThat(moved).isBetween(70, 130);
  }

  @Test
  void aUsersWeeklyDrawDoesNotDependOnTheDriftWindow() {
    // Whether a user moves in week 3 is the same draw whether weeks 1-2 could move too.
    for (int u = 0; u < 100; u++) {
      int all =
          model.moves(u, 3, new Drift(0.4, 1, 3, 3)) - model.moves(u, 2, new Drift(0.4, 1, 3, 3));
      assertThat(model.moves(u, 3, new Drift(0.4, 3, 3, 3))).isEqualTo(all);
    }
  }
}
