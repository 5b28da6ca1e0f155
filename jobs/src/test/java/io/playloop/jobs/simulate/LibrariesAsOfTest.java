package io.playloop.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibrariesAsOfTest {
  private static final List<LibrariesAsOf.Change> CHANGES =
      List.of(
          new LibrariesAsOf.Change(1, 3, new int[] {30}, 0.1),
          new LibrariesAsOf.Change(1, 6, new int[] {60}, 0.1),
          new LibrariesAsOf.Change(2, 5, new int[] {50}, 0.2));

  @Test
  void theLatestChangeAtOrBeforeTheWeekHoldsAndOtherwiseTheBootstrapLibrary() {
    assertThat(LibrariesAsOf.latest(CHANGES, 2)).isEmpty();
    assertThat(LibrariesAsOf.latest(CHANGES, 3).get(1).songs()).containsExactly(30);
    assertThat(LibrariesAsOf.latest(CHANGES, 5).get(1).songs()).containsExactly(30);
    assertThat(LibrariesAsOf.latest(CHANGES, 5).get(2).songs()).containsExactly(50);
    assertThat(LibrariesAsOf.latest(CHANGES, 9).get(1).songs()).containsExactly(60);
    // The order of the stored rows does not matter.
    assertThat(
            LibrariesAsOf.latest(List.of(CHANGES.get(2), CHANGES.get(1), CHANGES.get(0)), 9)
                .get(1)
                .week())
        .isEqualTo(6);
  }

  @Test
  void applyReplacesOnlyTheUsersWhoseTasteMoved() {
    Map<Integer, int[]> songs =
        new HashMap<>(Map.of(1, new int[] {10}, 2, new int[] {20}, 3, new int[] {7}));
    Map<Integer, Double> exploration = new HashMap<>(Map.of(1, 0.1, 2, 0.2, 3, 0.3));
    assertThat(LibrariesAsOf.apply(songs, exploration, CHANGES, 4)).isEqualTo(1);
    assertThat(songs.get(1)).containsExactly(30);
    assertThat(songs.get(2)).containsExactly(20);
    assertThat(songs.get(3)).containsExactly(7);
  }
}
