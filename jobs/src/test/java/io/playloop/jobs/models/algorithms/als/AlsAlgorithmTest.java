package io.playloop.jobs.models.algorithms.als;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlsAlgorithmTest {
  @Test
  void aScreeningRunsFewerSweepsOfTheSameCell() {
    AlsAlgorithm als = new AlsAlgorithm();
    for (AlsParams cell : als.grid()) {
      AlsParams screening = als.screening(cell);
      assertThat(screening.iterations()).isEqualTo(AlsAlgorithm.SCREENING_ITERATIONS);
      assertThat(screening.iterations()).isLessThan(cell.iterations());
      assertThat(screening.withIterations(cell.iterations())).isEqualTo(cell);
    }
    // A cell already as cheap as a screening is its own screening.
    AlsParams quick = new AlsParams(8, 0.1, 1.0, 2, 1.0);
    assertThat(als.screening(quick)).isEqualTo(quick);
  }
}
