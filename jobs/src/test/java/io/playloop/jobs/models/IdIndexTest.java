package io.playloop.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdIndexTest {
  @Test
  void denseIdsMapToTheirAscendingPositionsAndUnknownIdsToMinusOne() {
    IdIndex index = new IdIndex(new int[] {12, 10, 11, 15, 10});
    assertThat(index.ids()).containsExactly(10, 11, 12, 15);
    assertThat(index.index(10)).isEqualTo(0);
    assertThat(index.index(12)).isEqualTo(2);
    assertThat(index.index(15)).isEqualTo(3);
    assertThat(index.index(13)).isEqualTo(-1);
    assertThat(index.index(9)).isEqualTo(-1);
    assertThat(index.index(16)).isEqualTo(-1);
    assertThat(index.index(Integer.MIN_VALUE)).isEqualTo(-1);
    assertThat(index.index(Integer.MAX_VALUE)).isEqualTo(-1);
  }

  @Test
  void widelySpreadIdsAreFoundWithoutATableAsLargeAsTheirSpan() {
    IdIndex index = new IdIndex(new int[] {Integer.MAX_VALUE, -7, 2_000_000_000, 3});
    assertThat(index.ids()).containsExactly(-7, 3, 2_000_000_000, Integer.MAX_VALUE);
    assertThat(index.index(-7)).isEqualTo(0);
    assertThat(index.index(3)).isEqualTo(1);
    assertThat(index.index(2_000_000_000)).isEqualTo(2);
    assertThat(index.index(Integer.MAX_VALUE)).isEqualTo(3);
    assertThat(index.index(4)).isEqualTo(-1);
    assertThat(index.index(Integer.MIN_VALUE)).isEqualTo(-1);
  }

  @Test
  void anEmptyIndexKnowsNoId() {
    IdIndex index = new IdIndex(new int[0]);
    assertThat(index.size()).isZero();
    assertThat(index.index(0)).isEqualTo(-1);
  }
}
