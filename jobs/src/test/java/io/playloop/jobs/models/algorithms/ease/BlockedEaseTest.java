package io.playloop.jobs.models.algorithms.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.algorithms.TasteClusters;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.algorithms.popularity.PopularityModel;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockedEaseTest {
  @Test
  void oneBlockHoldingTheWholeCatalogAndEveryWeightIsEase() {
    TasteClusters w = TasteClusters.generate(80, 40, 4, 5);
    EaseModel exact = EaseModel.fit(w.train(), new EaseParams(3), 100);
    ItemNeighbourModel blocked =
        BlockedEase.fit(Interactions.of(w.train()), new BlockedEaseParams(3, 100, 100));
    for (int user = 0; user < 80; user++) {
      float[] want = exact.score(user, w.catalog());
      float[] got = blocked.score(user, w.catalog());
      for (int k = 0; k < want.length; k++) {
        if (want[k] != Float.NEGATIVE_INFINITY) {
          assertThat(got[k])
              .as("user %d item %d", user, w.catalog()[k])
              .isCloseTo(want[k], within(1e-4f));
        }
      }
    }
  }

  @Test
  void blocksFollowTheItemsLikedTogetherAndReadFromTheirStrongestOutsideTie() {
    // Two triangles, 0-1-2 and 3-4-5, joined by a weak edge 2-3; item 0 is the most liked.
    CsrMatrix graph =
        CsrMatrix.ofRows(
            6,
            new int[][] {{1, 2}, {2}, {3}, {4, 5}, {5}, {}},
            new float[][] {{1, 1}, {1}, {0.1f}, {1, 1}, {1}, {}});
    double[] likes = {9, 5, 5, 4, 4, 4};
    List<ItemBlocks.Block> blocks = ItemBlocks.partition(graph, likes, 3, 1);
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).targets()).containsExactly(0, 1, 2);
    assertThat(blocks.get(0).features()).containsExactly(0, 1, 2, 3);
    assertThat(blocks.get(1).targets()).containsExactly(3, 4, 5);
    assertThat(blocks.get(1).features()).containsExactly(3, 4, 5, 2);
  }

  @Test
  void anItemNoOneLikedWithOthersStillGetsABlock() {
    CsrMatrix graph = CsrMatrix.ofRows(3, new int[][] {{1}, {}, {}}, new float[][] {{1}, {}, {}});
    List<ItemBlocks.Block> blocks = ItemBlocks.partition(graph, new double[] {1, 1, 7}, 2, 0);
    // The most liked item starts; with no tie it takes the next most liked, then its neighbour.
    assertThat(blocks.get(0).targets()).containsExactly(0, 2);
    assertThat(blocks.get(1).targets()).containsExactly(1);
  }

  @Test
  void manySmallBlocksBeatPopularityAndComeCloseToEase() {
    TasteClusters w = TasteClusters.generate(300, 400, 8, 3);
    double pop = w.ndcg(PopularityModel.fit(w.train()));
    double exact = w.ndcg(EaseModel.fit(w.train(), new EaseParams(100), 1000));
    // 400 items in blocks of 60 targets and a halo of 20: seven blocks.
    double blocked =
        w.ndcg(BlockedEase.fit(Interactions.of(w.train()), new BlockedEaseParams(100, 80, 50)));
    assertThat(blocked).isGreaterThan(pop * 1.5).isGreaterThan(exact * 0.85);
  }

  @Test
  void easeGoesBlockedPastTheDenseLimitAndSavesWhichItIs() {
    TasteClusters w = TasteClusters.generate(60, 40, 4, 7);
    TrainingInput input = TrainingInput.of(SharedSpark.get(), w.train());
    Model dense = EaseAlgorithm.fit(input, new EaseParams(5), 100, 20);
    Model blocked = EaseAlgorithm.fit(input, new EaseParams(5), 30, 20);
    assertThat(dense).isInstanceOf(EaseModel.class);
    assertThat(blocked).isInstanceOf(ItemNeighbourModel.class);
    assertThat(blocked.algorithm()).isEqualTo("ease");
    assertThat(blocked.params())
        .containsEntry("lambda", 5.0)
        .containsEntry("block_items", 20)
        .containsEntry("neighbours", EaseAlgorithm.BLOCKED_NEIGHBOURS);
  }

  @Test
  void paramsAreCheckedAndRoundTripThroughJson() {
    BlockedEaseParams p = new BlockedEaseParams(250, 8000, 200);
    assertThat(BlockedEaseParams.fromJson(p.toJson())).isEqualTo(p);
    assertThat(p.targetItems() + p.haloItems()).isEqualTo(8000);
    assertThatThrownBy(() -> new BlockedEaseParams(0, 10, 10))
        .hasMessageContaining("EASE lambda must be positive");
    assertThatThrownBy(() -> new BlockedEaseParams(1, 1, 10))
        .hasMessage("EASE blocks need at least 2 items, got 1");
    assertThatThrownBy(() -> new BlockedEaseParams(1, 10, 0))
        .hasMessage("EASE must keep at least 1 weight per item, got 0");
  }
}
