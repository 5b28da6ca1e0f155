package io.playloop.jobs.models.algorithms.itemknn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.algorithms.TasteClusters;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.algorithms.popularity.PopularityModel;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemKnnTest {
  // Users 1..3, items 10..13: 1 likes 10, 11; 2 likes 10, 11, 12; 3 likes 12, 13.
  static final UserHistory TINY =
      new UserHistory(
          Map.of(1, new int[] {10, 11}, 2, new int[] {10, 11, 12}, 3, new int[] {12, 13}));

  @Test
  void weightsAreShrunkCosines() {
    ItemNeighbourModel m = ItemKnn.fit(Interactions.of(TINY), new ItemKnnParams(10, 1));
    // 10-11: 2 shared users / (sqrt(2 * 2) + 1); 10-12: 1 / 3; 12-13: 1 / (sqrt 2 + 1).
    assertThat(m.weights().rowIndices(0)).containsExactly(1, 2);
    assertThat(m.weights().rowValues(0)).containsExactly(2 / 3f, 1 / 3f);
    assertThat(m.weights().rowIndices(3)).containsExactly(2);
    assertThat(m.weights().rowValues(3)[0])
        .isCloseTo((float) (1 / (Math.sqrt(2) + 1)), within(1e-6f));
    // User 1 (10, 11): 12 scores 1/3 + 1/3; 13 is no neighbour of theirs and scores below, by its
    // likes: -1 + 1 / (2 + 1), 2 being the most likes of an item.
    float[] s = m.score(1, new int[] {12, 13});
    assertThat(s[0]).isCloseTo(2 / 3f, within(1e-6f));
    assertThat(s[1]).isCloseTo(-2 / 3f, within(1e-6f));
  }

  @Test
  void kNeighboursKeepTheLargestWithTiesToTheSmallerId() {
    ItemNeighbourModel m = ItemKnn.fit(Interactions.of(TINY), new ItemKnnParams(2, 1));
    // From 12: 10 and 11 tie at 1/3, 13 is 1/(sqrt 2 + 1) = 0.414: 13 then 10.
    assertThat(m.weights().rowIndices(2)).containsExactly(0, 3);
  }

  @Test
  void beatsPopularityOnTasteClusters() {
    TasteClusters w = TasteClusters.generate(300, 400, 8, 3);
    double pop = w.ndcg(PopularityModel.fit(w.train()));
    double knn = w.ndcg(ItemKnn.fit(Interactions.of(w.train()), ItemKnnAlgorithm.GRID.get(0)));
    assertThat(knn).isGreaterThan(pop * 1.5);
  }

  @Test
  void paramsAreCheckedAndRoundTripThroughJson() {
    ItemKnnParams p = new ItemKnnParams(100, 10);
    assertThat(ItemKnnParams.fromJson(p.toJson())).isEqualTo(p);
    assertThatThrownBy(() -> new ItemKnnParams(0, 1))
        .hasMessage("item kNN neighbours must be at least 1, got 0");
    assertThatThrownBy(() -> new ItemKnnParams(5, -1))
        .hasMessage("item kNN shrink must be >= 0 and finite, got -1.0");
  }
}
