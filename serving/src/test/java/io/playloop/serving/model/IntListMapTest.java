package io.playloop.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IntListMapTest {
  @Test
  void findsEveryListAndNothingElse() {
    IntListMap.Builder b = new IntListMap.Builder(4, 4); // grows past its size hint
    Random random = new Random(7);
    int users = 20_000;
    for (int u = 1; u <= users; u++) {
      b.startKey(u * 3);
      for (int k = 0; k < u % 7; k++) {
        b.add(u * 10 + k);
      }
    }
    IntListMap map = b.build();
    assertThat(map.size()).isEqualTo(users);
    for (int i = 0; i < 5000; i++) {
      int u = 1 + random.nextInt(users);
      int[] list = map.get(u * 3);
      assertThat(list).hasSize(u % 7);
      for (int k = 0; k < list.length; k++) {
        assertThat(list[k]).isEqualTo(u * 10 + k);
      }
      assertThat(map.slot(u * 3 + 1)).isEqualTo(-1);
    }
    assertThat(map.contains(30, 100)).isTrue();
    assertThat(map.contains(30, 102)).isTrue();
    assertThat(map.contains(30, 103)).isFalse();
    assertThat(map.get(999_999_999)).isEmpty();
  }

  @Test
  void rejectsDuplicateOrNonPositiveKeys() {
    assertThatThrownBy(() -> new IntListMap.Builder().startKey(5).startKey(5).build())
        .hasMessageContaining("duplicate key 5");
    assertThatThrownBy(() -> new IntListMap.Builder().startKey(0).build())
        .hasMessageContaining("positive");
  }
}
