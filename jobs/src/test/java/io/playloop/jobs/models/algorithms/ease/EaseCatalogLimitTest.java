package io.playloop.jobs.models.algorithms.ease;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EaseCatalogLimitTest {
  private static final long GB = 1L << 30;

  @Test
  void nativeLapackTakesCatalogsUpToTwentyThousandItemsWhenHalfTheHeapHoldsThem() {
    assertThat(EaseAlgorithm.maxItems(true, 16 * GB)).isEqualTo(20_000);
    // 2 GB: half of it holds sqrt(1 GB / 12 bytes) = 9,459 items.
    assertThat(EaseAlgorithm.maxItems(true, 2 * GB)).isEqualTo(9_459);
  }

  @Test
  void theJavaFallbackStopsAtSixThousandItems() {
    assertThat(EaseAlgorithm.maxItems(false, 16 * GB)).isEqualTo(6_000);
    assertThat(EaseAlgorithm.maxItems(false, GB / 4)).isLessThan(6_000);
  }
}
