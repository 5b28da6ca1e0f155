package io.playloop.jobs.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludovic.netlib.blas.JavaBLAS;
import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TopScored;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.algorithms.TasteClusters;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.algorithms.rp3beta.Rp3beta;
import io.playloop.jobs.models.algorithms.rp3beta.Rp3betaParams;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.DenseProduct;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CatalogRankingTest {
  /**
   * Factors of small whole numbers: every dot product is exact in float whatever the order of the
   * sum, so blocked and per-user scores are equal, ties included (and ties are frequent).
   */
  static final class Factors implements Model, BlockScoring {
    private final IdVectors users;
    private final IdVectors items;
    private final DenseProduct product;

    Factors(IdVectors users, IdVectors items, DenseProduct product) {
      this.users = users;
      this.items = items;
      this.product = product;
    }

    @Override
    public String algorithm() {
      return "factors";
    }

    @Override
    public Map<String, Object> params() {
      return Map.of();
    }

    @Override
    public float[] score(int user, int[] ids) {
      return items.dots(users.vector(user), ids);
    }

    @Override
    public void scoreBlock(int[] userIds, float[] out) {
      items.dotsWithAll(users.gather(userIds, null), userIds.length, product, out);
    }

    @Override
    public int[] items() {
      return items.index().ids();
    }
  }

  @Test
  void blocksRankExactlyAsUserByUserOnBothBlasImplementations() {
    Random r = new Random(3);
    int width = 4;
    // Items 0..299: ids 1 mod 3 unknown to the model, ids 4 mod 5 outside the catalog.
    int[] modelItems = IntStream.range(0, 300).filter(i -> i % 3 != 1).toArray();
    int[] catalog = IntStream.range(0, 300).filter(i -> i % 5 != 4).toArray();
    int[] userIds = IntStream.range(0, 1200).toArray(); // more than one block of 512
    IdVectors users = vectors(r, IntStream.range(0, 1000).toArray(), width); // 1000.. unknown
    IdVectors items = vectors(r, modelItems, width);
    Map<Integer, int[]> seen = new HashMap<>();
    for (int u : userIds) {
      seen.put(u, r.ints(8, 0, 300).toArray());
    }
    UserHistory history = new UserHistory(seen);
    for (DenseProduct product :
        List.of(DenseProduct.shared(), new DenseProduct(JavaBLAS.getInstance()))) {
      Factors model = new Factors(users, items, product);
      int[][] expected = CatalogRanking.oneByOne(model, history, userIds, catalog, 20);
      int[][] blocked = CatalogRanking.top(model, history, userIds, catalog, 20);
      for (int x = 0; x < userIds.length; x++) {
        assertThat(blocked[x]).as("user " + userIds[x]).containsExactly(expected[x]);
        Set<Integer> own = new HashSet<>();
        for (int i : seen.get(userIds[x])) {
          own.add(i);
        }
        for (int i : blocked[x]) {
          assertThat(own).doesNotContain(i);
          assertThat(i % 3).isNotEqualTo(1);
          assertThat(i % 5).isNotEqualTo(4);
        }
      }
      // An unknown user scores 0 everywhere: the smallest ids first.
      assertThat(blocked[1100]).hasSize(20);
    }
  }

  @Test
  void userByUserMasksTheSeenItemsOfAnAscendingOrAShuffledCatalog() {
    Random r = new Random(4);
    int[] itemIds = IntStream.range(0, 400).map(i -> 3 * i).toArray();
    int[] userIds = IntStream.range(0, 50).toArray();
    Factors model =
        new Factors(vectors(r, userIds, 3), vectors(r, itemIds, 3), DenseProduct.shared());
    Map<Integer, int[]> seen = new HashMap<>();
    for (int u : userIds) {
      seen.put(u, r.ints(30, 0, 1200).toArray()); // two in three unknown to the catalog
    }
    UserHistory history = new UserHistory(seen);
    int[] shuffled = itemIds.clone();
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    for (int[] catalog : List.of(itemIds, shuffled)) {
      int[][] got = CatalogRanking.oneByOne(model, history, userIds, catalog, 15);
      for (int x = 0; x < userIds.length; x++) {
        Set<Integer> own = new HashSet<>();
        for (int i : seen.get(userIds[x])) {
          own.add(i);
        }
        float[] scores = model.score(userIds[x], catalog);
        for (int p = 0; p < catalog.length; p++) {
          if (own.contains(catalog[p])) {
            scores[p] = Float.NEGATIVE_INFINITY;
          }
        }
        assertThat(got[x]).containsExactly(TopScored.ids(catalog, scores, 15));
      }
    }
  }

  @Test
  void sparseItemModelsRankInBlocksAndFromTheirReachedItemsExactlyAsUserByUser() {
    TasteClusters w = TasteClusters.generate(120, 300, 6, 2);
    ItemNeighbourModel rp3beta =
        Rp3beta.fit(Interactions.of(w.train()), new Rp3betaParams(20, 0.8, 0.3));
    int[] users = IntStream.range(0, 125).toArray(); // five unknown to the model
    int[] catalog = IntStream.range(990, 1310).toArray(); // some ids unknown to it too
    int[][] byUser = CatalogRanking.oneByOne(rp3beta, w.train(), users, catalog, 20);
    int[][] byBlock = CatalogRanking.blocked(rp3beta, rp3beta, w.train(), users, catalog, 20);
    int[][] byReach = CatalogRanking.top(rp3beta, w.train(), users, catalog, 20);
    for (int x = 0; x < users.length; x++) {
      assertThat(byBlock[x]).as("user " + users[x]).containsExactly(byUser[x]);
      assertThat(byReach[x]).as("user " + users[x]).containsExactly(byUser[x]);
    }
  }

  @Test
  void rankingFromReachedItemsKeepsNegativeAndCancelledSumsWhereAFullPassPutsThem() {
    // Whole-number weights -2..2: sums are exact in any order, many cancel to 0 (those items then
    // score by popularity like unreached ones) and many fall below every unreached item.
    Random r = new Random(11);
    Map<Integer, int[]> liked = new HashMap<>();
    for (int u = 0; u < 200; u++) {
      liked.put(u, r.ints(1 + r.nextInt(6), 0, 150).map(i -> 2 * i).distinct().toArray());
    }
    UserHistory history = new UserHistory(liked);
    Interactions positives = Interactions.of(history);
    int n = positives.items().size();
    int[][] cols = new int[n][];
    float[][] vals = new float[n][];
    for (int i = 0; i < n; i++) {
      cols[i] = r.ints(r.nextInt(12), 0, n).distinct().sorted().toArray();
      vals[i] = new float[cols[i].length];
      for (int k = 0; k < cols[i].length; k++) {
        vals[i][k] = r.nextInt(5) - 2;
      }
    }
    ItemNeighbourModel model =
        new ItemNeighbourModel(
            "ease", new Rp3betaParams(12, 1, 0), positives, CsrMatrix.ofRows(n, cols, vals));
    int[] users = IntStream.range(0, 210).toArray(); // ten unknown: popularity only
    // Odd ids are unknown to the model; ids 4 mod 10 are left out of the catalog.
    int[] catalog = IntStream.range(0, 300).filter(i -> i % 10 != 4).toArray();
    for (int depth : new int[] {1, 10, 40}) {
      int[][] byUser = CatalogRanking.oneByOne(model, history, users, catalog, depth);
      int[][] byReach = CatalogRanking.top(model, history, users, catalog, depth);
      for (int x = 0; x < users.length; x++) {
        assertThat(byReach[x]).as("user " + users[x]).containsExactly(byUser[x]);
      }
    }
  }

  @Test
  void theHoldoutMetricsAreTheSameWithAndWithoutBlocks() {
    Random r = new Random(8);
    int[] itemIds = IntStream.range(0, 500).toArray();
    int[] userIds = IntStream.range(0, 300).toArray();
    Factors blocked =
        new Factors(vectors(r, userIds, 3), vectors(r, itemIds, 3), DenseProduct.shared());
    Model plain =
        new Model() {
          @Override
          public String algorithm() {
            return "plain";
          }

          @Override
          public Map<String, Object> params() {
            return Map.of();
          }

          @Override
          public float[] score(int user, int[] ids) {
            return blocked.score(user, ids);
          }

          @Override
          public int[] items() {
            return blocked.items();
          }
        };
    Map<Integer, int[]> train = new HashMap<>();
    Map<Integer, Set<Integer>> relevant = new HashMap<>();
    for (int u : userIds) {
      train.put(u, r.ints(20, 0, 500).toArray());
      Set<Integer> rel = new HashSet<>();
      r.ints(5, 0, 500).forEach(rel::add);
      relevant.put(u, rel);
    }
    UserHistory history = new UserHistory(train);
    Map<String, Double> a = OfflineEvaluation.holdout(blocked, history, relevant, itemIds, 10);
    Map<String, Double> b = OfflineEvaluation.holdout(plain, history, relevant, itemIds, 10);
    assertThat(a).isEqualTo(b);
    assertThat(a.get("ndcg_at_10")).isGreaterThan(0);
  }

  /** Vectors of whole numbers -3..3 (exact sums) for {@code ids}. */
  private static IdVectors vectors(Random r, int[] ids, int width) {
    float[] values = new float[ids.length * width];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.nextInt(7) - 3;
    }
    return new IdVectors(new IdIndex(ids), values, width);
  }
}
