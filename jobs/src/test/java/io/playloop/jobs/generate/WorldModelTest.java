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
}
