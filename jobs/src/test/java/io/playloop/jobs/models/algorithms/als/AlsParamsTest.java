package io.playloop.jobs.models.algorithms.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.jobs.models.algorithms.blend.BlendWeight;
import io.playloop.jobs.models.algorithms.ease.EaseParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlsParamsTest {
  @Test
  void outOfRangeValuesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new AlsParams(0, 0.1, 1, 15, 1))
        .hasMessage("ALS rank must be at least 1, got 0");
    assertThatThrownBy(() -> new AlsParams(8, -0.1, 1, 15, 1))
        .hasMessage("ALS reg must not be negative, got -0.1");
    assertThatThrownBy(() -> new AlsParams(8, 0.1, Double.NaN, 15, 1))
        .hasMessage("ALS alpha must not be negative, got NaN");
    assertThatThrownBy(() -> new AlsParams(8, 0.1, 1, 0, 1))
        .hasMessage("ALS iterations must be at least 1, got 0");
    assertThatThrownBy(() -> new AlsParams(8, 0.1, 1, 15, -1))
        .hasMessage("ALS negative_weight must not be negative, got -1.0");
    assertThatThrownBy(() -> new EaseParams(0))
        .hasMessageContaining("EASE lambda must be positive");
    assertThatThrownBy(() -> new BlendWeight(1.5))
        .hasMessage("a blend weight must be between 0 and 1, got 1.5");
  }

  @Test
  void theJsonKeepsItsKeysInOrderAndReadsBack() {
    AlsParams p = new AlsParams(16, 0.1, 5.0, 8, 0.5);
    assertThat(List.copyOf(p.toJson().keySet()))
        .containsExactly("rank", "reg", "alpha", "iterations", "negative_weight");
    assertThat(AlsParams.fromJson(p.toJson())).isEqualTo(p);
    // Jackson reads whole numbers as Integer and fractions as Double: both are accepted.
    Map<String, Object> json = new LinkedHashMap<>(p.toJson());
    json.put("reg", 1);
    assertThat(AlsParams.fromJson(json).reg()).isEqualTo(1.0);
    json.put("rank", 16.5);
    assertThatThrownBy(() -> AlsParams.fromJson(json))
        .hasMessage("parameter rank must be a whole number: 16.5");
  }
}
