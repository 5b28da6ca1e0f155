package io.playloop.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExplorerTest {
  private static final int USER = 1;

  /** Clusters {10,11,12}, {20,21,22}, {30,31,32}; user 1's list covers the first only. */
  private static ModelSnapshot snapshot() {
    IntListMap recs =
        new IntListMap.Builder().startKey(USER).add(10).add(11).add(12).add(40).add(41).build();
    IntListMap.Builder clusterOf = new IntListMap.Builder();
    int[][] pools = {{10, 11, 12}, {20, 21, 22}, {30, 31, 32}};
    for (int c = 0; c < pools.length; c++) {
      for (int p : pools[c]) {
        clusterOf.startKey(p).add(c);
      }
    }
    return ModelSnapshot.of(
        "v1", recs, new int[] {50, 51}, new ExplorationClusters(pools, clusterOf.build()), 0);
  }

  @Test
  void theSnapshotKnowsWhichClustersEachListTouches() {
    ModelSnapshot s = snapshot();
    assertThat(s.listedClusters(s.recommendations().slot(USER))).isEqualTo(0b001L);
    int unknown = s.recommendations().capacity() - 1;
    if (!s.recommendations().occupied(unknown)) {
      assertThat(s.listedClusters(unknown)).isZero();
    }
    ModelSnapshot noClusters =
        ModelSnapshot.of("v2", s.recommendations(), s.popular(), ExplorationClusters.none(), 0);
    assertThat(noClusters.listedClusters(s.recommendations().slot(USER))).isZero();
    assertThat(noClusters.bytes()).isLessThan(s.bytes());
  }

  private static int explore(Explorer e, int[] out, float[] propensities, int[] likes) {
    ModelSnapshot s = snapshot();
    System.arraycopy(new int[] {10, 11, 12, 40, 41}, 0, out, 0, 5);
    return e.explore(
        s,
        s.recommendations().slot(USER),
        IntListMap.empty(),
        USER,
        likes,
        new int[0],
        out,
        0,
        5,
        propensities);
  }

  @Test
  void theLastPositionComesFromAClusterOutsideTheListWithItsPropensity() {
    Explorer explorer = new Explorer(new ExplorationPolicy(0.5, 1));
    Map<Integer, Integer> seen = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      int[] out = new int[5];
      float[] propensities = new float[5];
      assertThat(explore(explorer, out, propensities, new int[] {21})).isEqualTo(1);
      assertThat(out).startsWith(10, 11, 12, 40);
      int p = out[4];
      // Two eligible clusters; cluster 2 has 3 allowed playlists, cluster 1 two (21 is liked).
      assertThat(p).isIn(20, 22, 30, 31, 32);
      assertThat(propensities[4]).isEqualTo(p < 30 ? 0.5f / (2 * 2) : 0.5f / (2 * 3));
      seen.merge(p, 1, Integer::sum);
    }
    // Each playlist is drawn about as often as its propensity says.
    for (Map.Entry<Integer, Integer> e : seen.entrySet()) {
      double expected = 2000 * (e.getKey() < 30 ? 0.25 : 1.0 / 6);
      assertThat((double) e.getValue()).isBetween(expected * 0.8, expected * 1.2);
    }
  }

  @Test
  void twoSlotsTakeTwoDifferentClusters() {
    Explorer explorer = new Explorer(new ExplorationPolicy(1, 2));
    for (int i = 0; i < 200; i++) {
      int[] out = new int[5];
      float[] propensities = new float[5];
      assertThat(explore(explorer, out, propensities, new int[0])).isEqualTo(2);
      Set<Integer> clusters = new HashSet<>();
      clusters.add(out[3] / 10);
      clusters.add(out[4] / 10);
      assertThat(clusters).containsExactlyInAnyOrder(2, 3);
      assertThat(propensities[3]).isEqualTo(1f / (2 * 3));
      assertThat(propensities[4]).isEqualTo(1f / (2 * 3));
    }
  }

  @Test
  void nothingIsExploredWhenTheListCoversEveryClusterOrNothingInThemMayBeShown() {
    Explorer explorer = new Explorer(new ExplorationPolicy(1, 1));
    int[] out = new int[5];
    float[] propensities = new float[5];
    assertThat(explore(explorer, out, propensities, new int[] {20, 21, 22, 30, 31, 32})).isZero();
    assertThat(out).containsExactly(10, 11, 12, 40, 41);
  }

  @Test
  void aShareOfZeroNeverExploresAndOfOneAlways() {
    Explorer off = new Explorer(new ExplorationPolicy(0, 1));
    Explorer all = new Explorer(new ExplorationPolicy(1, 1));
    Explorer tenth = new Explorer(new ExplorationPolicy(0.1, 1));
    int some = 0;
    for (int i = 0; i < 10_000; i++) {
      assertThat(off.explores()).isFalse();
      assertThat(all.explores()).isTrue();
      some += tenth.explores() ? 1 : 0;
    }
    assertThat(some).isBetween(800, 1200);
  }
}
