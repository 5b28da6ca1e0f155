package io.playloop.jobs.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UntouchedNegativesTest {
  private final int[] catalog = IntStream.rangeClosed(1, 30).toArray();

  @Test
  void drawsDistinctUntouchedItemsTheSameWayEveryTime() {
    Set<Integer> touched = Set.of(1, 2, 3, 4, 5);
    UntouchedNegatives sampler = new UntouchedNegatives(catalog, 42);
    List<int[]> first = sampler.sample(7, touched, 3, 4, 1);
    assertThat(first).hasSize(3);
    for (int[] negatives : first) {
      assertThat(negatives).hasSize(4).doesNotHaveDuplicates();
      assertThat(java.util.Arrays.stream(negatives).boxed().toList())
          .allMatch(i -> i > 5 && i <= 30);
    }
    List<int[]> again = new UntouchedNegatives(catalog, 42).sample(7, touched, 3, 4, 1);
    assertThat(again.get(2)).isEqualTo(first.get(2));
  }

  @Test
  void aUserWhoTouchedAlmostEverythingGetsTheRestOrNothing() {
    Set<Integer> touched = Set.copyOf(IntStream.rangeClosed(1, 26).boxed().toList());
    UntouchedNegatives sampler = new UntouchedNegatives(catalog, 1);
    assertThat(sampler.sample(1, touched, 1, 4, 1).get(0))
        .containsExactlyInAnyOrder(27, 28, 29, 30);
    assertThat(sampler.sample(1, touched, 1, 5, 1)).isNull();
  }
}
