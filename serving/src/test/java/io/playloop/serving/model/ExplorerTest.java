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
    Explorer explorer = new Explorer(new ExplorationPolicy(0.5, 1, false));
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
    Explorer explorer = new Explorer(new ExplorationPolicy(1, 2, false));
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
    Explorer explorer = new Explorer(new ExplorationPolicy(1, 1, false));
    int[] out = new int[5];
    float[] propensities = new float[5];
    assertThat(explore(explorer, out, propensities, new int[] {20, 21, 22, 30, 31, 32})).isZero();
    assertThat(out).containsExactly(10, 11, 12, 40, 41);
  }

  @Test
  void aShareOfZeroNeverExploresAndOfOneAlways() {
    Explorer off = new Explorer(new ExplorationPolicy(0, 1, false));
    Explorer all = new Explorer(new ExplorationPolicy(1, 1, false));
    Explorer tenth = new Explorer(new ExplorationPolicy(0.1, 1, false));
    int some = 0;
    for (int i = 0; i < 10_000; i++) {
      assertThat(off.explores()).isFalse();
      assertThat(all.explores()).isTrue();
      some += tenth.explores() ? 1 : 0;
    }
    assertThat(some).isBetween(800, 1200);
  }

  @Test
  void theNewestLikeIsFollowedFirstIntoAClusterTheKeptPositionsDoNotShow() {
    Explorer explorer = new Explorer(new ExplorationPolicy(0.5, 2, true));
    for (int i = 0; i < 200; i++) {
      int[] out = new int[5];
      float[] propensities = new float[5];
      // Newest like 21 (cluster 1): its most liked allowed pool playlist 20 is served first.
      assertThat(explore(explorer, out, propensities, new int[] {30, 21})).isEqualTo(2);
      assertThat(out).startsWith(20, 10, 11, 12);
      assertThat(propensities).startsWith(0.5f, 0f, 0f, 0f);
      // The other slot: the one cluster left (2), of whose pool 31 and 32 may be shown.
      assertThat(out[4]).isIn(31, 32);
      assertThat(propensities[4]).isEqualTo(0.5f / 2);
    }
  }

  @Test
  void aNewestLikeInAKeptClusterIsNotFollowed() {
    Explorer explorer = new Explorer(new ExplorationPolicy(1, 1, true));
    for (int i = 0; i < 200; i++) {
      int[] out = new int[5];
      float[] propensities = new float[5];
      // Newest like 10 is in cluster 0, which the kept positions show: plain exploration.
      assertThat(explore(explorer, out, propensities, new int[] {21, 10})).isEqualTo(1);
      assertThat(out[4]).isIn(20, 22, 30, 31, 32);
      assertThat(propensities[4]).isEqualTo(out[4] < 30 ? 1f / (2 * 2) : 1f / (2 * 3));
    }
  }

  @Test
  void aFollowedClusterWithNothingLeftToShowFallsBackToPlainExploration() {
    Explorer explorer = new Explorer(new ExplorationPolicy(1, 1, true));
    int[] out = new int[5];
    float[] propensities = new float[5];
    // Every playlist of cluster 1 liked, newest 22: nothing to follow with; cluster 2 explores.
    assertThat(explore(explorer, out, propensities, new int[] {20, 21, 22})).isEqualTo(1);
    assertThat(out[4]).isIn(30, 31, 32);
    assertThat(propensities[4]).isEqualTo(1f / 3);
  }

  @Test
  void followingTheNewestLikeAloneExploresWhenNoOtherClusterIsEligible() {
    Explorer explorer = new Explorer(new ExplorationPolicy(1, 2, true));
    int[] out = new int[5];
    float[] propensities = new float[5];
    // Cluster 2 fully liked, newest like 22 (cluster 1): one position follows, none is drawn.
    assertThat(explore(explorer, out, propensities, new int[] {30, 31, 32, 22})).isEqualTo(1);
    assertThat(out).containsExactly(20, 10, 11, 12, 40);
    assertThat(propensities).containsExactly(1f, 0f, 0f, 0f, 0f);
  }
}
