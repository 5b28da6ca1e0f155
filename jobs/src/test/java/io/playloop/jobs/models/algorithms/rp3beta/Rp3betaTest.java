package io.playloop.jobs.models.algorithms.rp3beta;

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

class Rp3betaTest {
  // Users 1..3, items 10..13: 1 likes 10, 11; 2 likes 10, 11, 12; 3 likes 12, 13.
  static final UserHistory TINY =
      new UserHistory(
          Map.of(1, new int[] {10, 11}, 2, new int[] {10, 11, 12}, 3, new int[] {12, 13}));
  static final int[] ITEMS = {10, 11, 12, 13};

  @Test
  void weightsAreTheDampedRandomWalkRowNormalised() {
    ItemNeighbourModel m = Rp3beta.fit(Interactions.of(TINY), new Rp3betaParams(10, 1.0, 0.5));
    // Walk from 12: to users 2 and 3 (1/2 each), then to 10, 11 (1/3 each via 2) and 13 (1/2
    // via 3): 1/6, 1/6, 1/4; damped by positives^-0.5 (2, 2, 1): 1/(6 sqrt 2) twice and 1/4.
    double x = 1 / (6 * Math.sqrt(2));
    double sum = 2 * x + 0.25;
    float[] fromC = m.weights().rowValues(2);
    assertThat(m.weights().rowIndices(2)).containsExactly(0, 1, 3);
    assertThat(fromC[0]).isCloseTo((float) (x / sum), within(1e-6f));
    assertThat(fromC[1]).isCloseTo((float) (x / sum), within(1e-6f));
    assertThat(fromC[2]).isCloseTo((float) (0.25 / sum), within(1e-6f));
    // From 10: 11 gets 1/4 + 1/6 = 5/12, 12 gets 1/6, equally damped: 5/7 and 2/7.
    assertThat(m.weights().rowValues(0)).containsExactly(5 / 7f, 2 / 7f);
    // User 1 (10, 11) scores 12 with 2/7 + 2/7; no walk reaches 13, which scores below every item
    // one does, by its likes: -1 + 1 / (2 + 1), 2 being the most likes of an item.
    float[] s = m.score(1, ITEMS);
    assertThat(s[2]).isCloseTo(4 / 7f, within(1e-6f));
    assertThat(s[3]).isCloseTo(-2 / 3f, within(1e-6f));
    assertThat(m.score(3, new int[] {10, 99}))
        .containsExactly((float) (x / sum), Float.NEGATIVE_INFINITY);
  }

  @Test
  void oneNeighbourKeepsTheStrongestAndRenormalises() {
    ItemNeighbourModel m = Rp3beta.fit(Interactions.of(TINY), new Rp3betaParams(1, 1.0, 0.5));
    assertThat(m.weights().rowIndices(2)).containsExactly(3);
    assertThat(m.weights().rowValues(2)).containsExactly(1f);
  }

  @Test
  void beatsPopularityOnTasteClusters() {
    TasteClusters w = TasteClusters.generate(300, 400, 8, 3);
    double pop = w.ndcg(PopularityModel.fit(w.train()));
    double rp3 = w.ndcg(Rp3beta.fit(Interactions.of(w.train()), Rp3betaAlgorithm.GRID.get(0)));
    assertThat(rp3).isGreaterThan(pop * 1.5);
  }

  @Test
  void paramsAreCheckedAndRoundTripThroughJson() {
    Rp3betaParams p = new Rp3betaParams(100, 0.8, 0.3);
    assertThat(Rp3betaParams.fromJson(p.toJson())).isEqualTo(p);
    assertThatThrownBy(() -> new Rp3betaParams(0, 1, 0))
        .hasMessage("RP3beta neighbours must be at least 1, got 0");
    assertThatThrownBy(() -> new Rp3betaParams(5, 0, 0))
        .hasMessage("RP3beta alpha must be positive and finite, got 0.0");
    assertThatThrownBy(() -> new Rp3betaParams(5, 1, Double.NaN))
        .hasMessage("RP3beta beta must be >= 0 and finite, got NaN");
  }
}
