package io.playloop.jobs.models.algorithms.neighbours;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.models.ProfileRecency;
import io.playloop.jobs.models.ProfileWeights;
import io.playloop.jobs.models.TopScored;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.algorithms.rp3beta.Rp3betaParams;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemNeighbourModelTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-01");

  /**
   * Items 10, 11 (an old taste), 20 (a new one), 12 and 21 unseen: 10 and 11 each point to 12 with
   * weight 1, 20 points to 21 with weight 1.5. User 1 liked 10 and 11 long ago and 20 this week.
   */
  private static ItemNeighbourModel model() {
    Interactions positives =
        Interactions.of(new UserHistory(Map.of(1, new int[] {10, 11, 20}, 2, new int[] {12, 21})));
    int n = positives.items().size();
    int[][] cols = new int[n][];
    float[][] vals = new float[n][];
    for (int r = 0; r < n; r++) {
      int id = positives.items().id(r);
      int target = id == 10 || id == 11 ? 12 : id == 20 ? 21 : -1;
      cols[r] = target < 0 ? new int[0] : new int[] {positives.items().index(target)};
      vals[r] = target < 0 ? new float[0] : new float[] {id == 20 ? 1.5f : 1f};
    }
    return new ItemNeighbourModel(
        "rp3beta", new Rp3betaParams(1, 1, 0), positives, CsrMatrix.ofRows(n, cols, vals));
  }

  @Test
  void itemsNoLikedItemLeadsToScoreBelowTheNeighboursByTheirLikes() {
    // 10 points to 11 only; 12 has three likes, 13 one, the most of any item is 3.
    Interactions positives =
        Interactions.of(
            new UserHistory(
                Map.of(
                    1,
                    new int[] {10},
                    2,
                    new int[] {12, 13},
                    3,
                    new int[] {12},
                    4,
                    new int[] {12},
                    5,
                    new int[] {11})));
    int n = positives.items().size();
    int[][] cols = new int[n][0];
    float[][] vals = new float[n][0];
    cols[positives.items().index(10)] = new int[] {positives.items().index(11)};
    vals[positives.items().index(10)] = new float[] {0.5f};
    ItemNeighbourModel m =
        new ItemNeighbourModel(
            "itemknn", new Rp3betaParams(1, 1, 0), positives, CsrMatrix.ofRows(n, cols, vals));

    float[] s = m.score(1, new int[] {13, 12, 11, 99});

    assertThat(s).containsExactly(-1 + 1 / 4f, -1 + 3 / 4f, 0.5f, Float.NEGATIVE_INFINITY);
    assertThat(TopScored.ids(new int[] {13, 12, 11, 99}, s, 3)).containsExactly(11, 12, 13);
  }

  @Test
  void aFewIdsScoreAsInAPassOverEveryItem() {
    // User 1 liked 10 and 11; 10 -> 12 (+1) and 11 -> 12 (-1) cancel, so 12 scores by its likes
    // like an unreached item; 10 -> 13 (-2) puts 13 below every unreached item. Users 2.. like
    // items 12..40 so that a single id is a small request.
    Map<Integer, int[]> liked = new java.util.HashMap<>();
    liked.put(1, new int[] {10, 11});
    for (int id = 12; id <= 40; id++) {
      liked.put(id, id == 12 ? new int[] {12, 14} : new int[] {id});
    }
    Interactions positives = Interactions.of(new UserHistory(liked));
    int n = positives.items().size();
    int[][] cols = new int[n][0];
    float[][] vals = new float[n][0];
    int i12 = positives.items().index(12);
    int i13 = positives.items().index(13);
    cols[positives.items().index(10)] = i12 < i13 ? new int[] {i12, i13} : new int[] {i13, i12};
    vals[positives.items().index(10)] = i12 < i13 ? new float[] {1f, -2f} : new float[] {-2f, 1f};
    cols[positives.items().index(11)] = new int[] {i12};
    vals[positives.items().index(11)] = new float[] {-1f};
    ItemNeighbourModel m =
        new ItemNeighbourModel(
            "ease", new Rp3betaParams(2, 1, 0), positives, CsrMatrix.ofRows(n, cols, vals));
    int[] all = m.items();
    float[] dense = m.score(1, all);
    for (int k = 0; k < all.length; k++) {
      assertThat(m.score(1, new int[] {all[k]})).as("item " + all[k]).containsExactly(dense[k]);
    }
    // 14 has two likes, the most; 12 one.
    assertThat(m.score(1, new int[] {12, 13, 14, 99}))
        .containsExactly(-1 + 1 / 3f, -2f, -1 + 2 / 3f, Float.NEGATIVE_INFINITY);
  }

  @Test
  void withoutAProfileEveryPositiveCountsOnce() {
    // 12: 1 + 1 = 2 from the two old likes; 21: 1.5 from the new one.
    assertThat(model().score(1, new int[] {12, 21})).containsExactly(2f, 1.5f);
    assertThat(model().params()).doesNotContainKey(ItemNeighbourModel.PROFILE_HALF_LIFE);
  }

  @Test
  void aRecencyProfileLetsTheNewTasteWin() {
    ProfileRecency recency = new ProfileRecency(AS_OF, 7);
    // The old likes are four weeks old (weight 1/16), the new one from as-of (weight 1).
    ProfileWeights weights =
        new ProfileWeights(
            Map.of(
                ProfileWeights.key(1, 10), recency.weight(AS_OF.minusDays(28)),
                ProfileWeights.key(1, 11), recency.weight(AS_OF.minusDays(28)),
                ProfileWeights.key(1, 20), recency.weight(AS_OF)),
            1f,
            recency);
    ItemNeighbourModel plain = model();
    ItemNeighbourModel profiled = plain.withProfile(weights);
    // 12: 2 x 1/16 = 0.125; 21: 1.5.
    assertThat(profiled.score(1, new int[] {12, 21})).containsExactly(0.125f, 1.5f);
    assertThat(profiled.params()).containsEntry(ItemNeighbourModel.PROFILE_HALF_LIFE, 7.0);
    // The neighbours stay those learned from all positives alike.
    assertThat(profiled.weights()).isSameAs(plain.weights());
  }

  @Test
  void aProfileWithoutHalfLifeLeavesTheModelAsItIs() {
    ItemNeighbourModel m = model();
    assertThat(m.withProfile(null)).isSameAs(m);
    assertThat(m.withProfile(new ProfileWeights(Map.of(), 0.1f, ProfileRecency.NONE))).isSameAs(m);
  }
}
