package io.playloop.jobs.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playloop.jobs.models.Model;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OfflineEvaluationTest {
  /** Scores item i as i for user 1 and as -i for user 2, and counts its requests per user. */
  static final class ByIdModel implements Model {
    final Map<Integer, AtomicInteger> requests = new ConcurrentHashMap<>();

    @Override
    public String algorithm() {
      return "by-id";
    }

    @Override
    public Map<String, Object> params() {
      return Map.of();
    }

    @Override
    public float[] score(int user, int[] ids) {
      requests.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
      float[] out = new float[ids.length];
      for (int k = 0; k < ids.length; k++) {
        out[k] = user == 1 ? ids[k] : -ids[k];
      }
      return out;
    }

    @Override
    public int[] items() {
      return new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    }
  }

  @Test
  void theSampledProtocolRanksEachPositiveAmongItsOwnNegativesScoringEachUserOnce() {
    ByIdModel model = new ByIdModel();
    List<EvalBatch> batches =
        List.of(
            new EvalBatch(1, 9, new int[] {1, 2}), // score = id: 9 above 1 and 2: rank 1
            new EvalBatch(2, 4, new int[] {5, 6, 1}), // -4 above -5, -6, below -1: rank 2
            new EvalBatch(1, 3, new int[] {5, 3, 1})); // below 5, tied with 3: rank 3
    Map<String, Double> m = OfflineEvaluation.sampled(model, batches);
    assertThat(m.get("hit_at_1")).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(m.get("hit_at_5")).isCloseTo(1.0, within(1e-12));
    assertThat(m.get("mrr")).isCloseTo((1 + 1 / 2.0 + 1 / 3.0) / 3, within(1e-12));
    assertThat(model.requests).containsOnlyKeys(1, 2);
    assertThat(model.requests.get(1).get()).isEqualTo(1);
    assertThat(model.requests.get(2).get()).isEqualTo(1);
  }

  @Test
  void noBatchesReportZeros() {
    assertThat(OfflineEvaluation.sampled(new ByIdModel(), List.of()))
        .containsEntry("mrr", 0.0)
        .containsEntry("hit_at_1", 0.0);
  }
}
