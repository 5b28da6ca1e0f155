package io.playloop.jobs.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldTest {
  private static Map<Integer, Set<Integer>> users(int n) {
    Map<Integer, Set<Integer>> m = new HashMap<>();
    for (int u = 0; u < n; u++) {
      m.put(u, Set.of(u + 1000));
    }
    return m;
  }

  @Test
  void choosingSamplesAtMostTheGivenUsersTheSameWayForTheSameSeed() {
    Map<Integer, Set<Integer>> all = users(500);
    Map<Integer, Set<Integer>> a = Fold.sample(all, 100, 7);
    assertThat(a).hasSize(100);
    assertThat(all.entrySet()).containsAll(a.entrySet());
    assertThat(Fold.sample(users(500), 100, 7)).isEqualTo(a);
    assertThat(Fold.sample(all, 100, 8).keySet()).isNotEqualTo(a.keySet());
  }

  @Test
  void choosingKeepsEveryUserWhenTheLimitIsZeroOrNotReached() {
    Map<Integer, Set<Integer>> all = users(50);
    assertThat(Fold.sample(all, 0, 7)).isSameAs(all);
    assertThat(Fold.sample(all, 50, 7)).isSameAs(all);
  }
}
