package io.playloop.jobs.models.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.UserHistory;
import org.junit.jupiter.api.Test;

class InteractionsTest {
  @Test
  void holdsEachUsersItemsOnceAsColumnsOfTheCatalogSeen() {
    Interactions m =
        Interactions.of(UserHistory.of(new int[] {1, 1, 1, 2}, new int[] {10, 20, 10, 30}));
    assertThat(m.users().size()).isEqualTo(2);
    assertThat(m.items().size()).isEqualTo(3);
    assertThat(m.itemsOf(1)).hasSize(2);
    assertThat(m.itemsOf(3)).isEmpty();
    assertThat(m.itemDegrees()).containsExactlyInAnyOrder(1.0, 1.0, 1.0);
  }

  @Test
  void isBuiltOncePerTrainingInputForEveryGridCell() {
    UserHistory history = UserHistory.of(new int[] {1, 2}, new int[] {10, 20});
    TrainingInput input = TrainingInput.of(SharedSpark.get(), history);
    TrainingInput other =
        TrainingInput.of(SharedSpark.get(), UserHistory.of(new int[] {1}, new int[] {10}));
    assertThat(Interactions.of(input)).isSameAs(Interactions.of(input));
    assertThat(Interactions.of(other)).isNotSameAs(Interactions.of(input));
    assertThat(Interactions.of(other).users().size()).isEqualTo(1);
  }
}
