package io.playloop.jobs.models.algorithms.gfcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.algorithms.TasteClusters;
import io.playloop.jobs.models.algorithms.popularity.PopularityModel;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GfcfModelTest {
  // Users 1..3, items 10..13: 1 likes 10, 11; 2 likes 10, 11, 12; 3 likes 12, 13.
  static final UserHistory TINY =
      new UserHistory(
          Map.of(1, new int[] {10, 11}, 2, new int[] {10, 11, 12}, 3, new int[] {12, 13}));
  static final int[] ITEMS = {10, 11, 12, 13};

  @Test
  void theItemTermIsTheSymmetricallyNormalisedCoOccurrence() {
    GfcfModel m = GfcfModel.fit(Interactions.of(TINY), new GfcfParams(0, 0.3, 0.5, 10), 1);
    // P(i, j) = sum over shared users u of 1 / (deg(u) sqrt(deg(i) deg(j))):
    // 10-11 = (1/2 + 1/3) / 2 = 5/12, 10-12 = 11-12 = (1/3) / 2, 12-13 = (1/2) / sqrt 2.
    float[] user1 = m.score(1, ITEMS);
    assertThat(user1[0]).isCloseTo(5 / 12f, within(1e-6f));
    assertThat(user1[2]).isCloseTo(1 / 3f, within(1e-6f));
    assertThat(user1[3]).isZero();
    float[] user3 = m.score(3, ITEMS);
    assertThat(user3[0]).isCloseTo(1 / 6f, within(1e-6f));
    assertThat(user3[2]).isCloseTo((float) (0.5 / Math.sqrt(2)), within(1e-6f));
  }

  @Test
  void aFullRankLowPassGivesBackTheUsersOwnItemsOnly() {
    // R~ has rank 3: its row space holds every user's normalised row, so the low-pass term maps
    // r_u D^-1/2 to itself and back to r_u: alpha on the user's own items, 0 elsewhere.
    GfcfModel plain = GfcfModel.fit(Interactions.of(TINY), new GfcfParams(0, 0.3, 0.5, 10), 1);
    GfcfModel full = GfcfModel.fit(Interactions.of(TINY), new GfcfParams(3, 0.3, 0.5, 10), 1);
    for (int u = 1; u <= 3; u++) {
      float[] a = plain.score(u, ITEMS);
      float[] b = full.score(u, ITEMS);
      java.util.Set<Integer> own =
          java.util.Arrays.stream(TINY.items(u))
              .boxed()
              .collect(java.util.stream.Collectors.toSet());
      for (int k = 0; k < ITEMS.length; k++) {
        float expected = a[k] + (own.contains(ITEMS[k]) ? 0.3f : 0f);
        assertThat(b[k]).as("user " + u + " item " + ITEMS[k]).isCloseTo(expected, within(1e-4f));
      }
    }
  }

  @Test
  void beatsPopularityOnTasteClusters() {
    TasteClusters w = TasteClusters.generate(300, 400, 8, 3);
    double pop = w.ndcg(PopularityModel.fit(w.train()));
    double gfcf =
        w.ndcg(GfcfModel.fit(Interactions.of(w.train()), new GfcfParams(32, 0.3, 0.5, 100), 1));
    assertThat(gfcf).isGreaterThan(pop * 1.5);
  }

  @Test
  void blocksAndAFewIdsScoreAsTheWholeCatalogDoes() {
    TasteClusters w = TasteClusters.generate(200, 300, 6, 4);
    GfcfModel m = GfcfModel.fit(Interactions.of(w.train()), new GfcfParams(24, 0.3, 0.5, 50), 1);
    int[] items = m.items();
    int[] users = java.util.stream.IntStream.range(-2, 210).toArray(); // some unknown
    float[] block = new float[users.length * items.length];
    java.util.Arrays.fill(block, 7f); // a reused buffer: every entry is overwritten
    m.scoreBlock(users, block);
    int[] few = {items[3], 123456, items[40], items[7]}; // one unknown id
    for (int x = 0; x < users.length; x++) {
      float[] one = m.score(users[x], items);
      for (int j = 0; j < items.length; j++) {
        assertThat(block[x * items.length + j])
            .as("user " + users[x] + " item " + items[j])
            .isCloseTo(one[j], within(1e-5f));
      }
      // The sampled protocol's path (a few ids) is the whole catalog's (BLAS sums in its order).
      float[] some = m.score(users[x], few);
      assertThat(some[1]).isEqualTo(Float.NEGATIVE_INFINITY);
      assertThat(new float[] {some[0], some[2], some[3]})
          .containsExactly(new float[] {one[3], one[40], one[7]}, within(1e-6f));
    }
  }

  @Test
  void paramsAreCheckedAndRoundTripThroughJson() {
    for (GfcfParams p : GfcfAlgorithm.GRID) {
      assertThat(GfcfParams.fromJson(p.toJson())).isEqualTo(p);
    }
    assertThatThrownBy(() -> new GfcfParams(-1, 0.3, 0.5, 10))
        .hasMessage("GF-CF rank must be >= 0, got -1");
    assertThatThrownBy(() -> new GfcfParams(8, -0.3, 0.5, 10))
        .hasMessage("GF-CF alpha must be >= 0 and finite, got -0.3");
    assertThatThrownBy(() -> new GfcfParams(8, 0.3, 1.5, 10))
        .hasMessage("GF-CF item exponent must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> new GfcfParams(8, 0.3, 0.5, 0))
        .hasMessage("GF-CF neighbours must be at least 1, got 0");
  }
}
