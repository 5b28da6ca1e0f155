package io.playloop.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.playloop.jobs.models.linalg.Interactions;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileRecencyTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-01");

  @Test
  void aPositiveHalvesInWeightEveryHalfLife() {
    ProfileRecency recency = new ProfileRecency(AS_OF, 7);
    assertThat(recency.weight(AS_OF)).isEqualTo(1f);
    assertThat(recency.weight(AS_OF.minusDays(7))).isCloseTo(0.5f, within(1e-6f));
    assertThat(recency.weight(AS_OF.minusDays(21))).isCloseTo(0.125f, within(1e-6f));
    // A batch dated after as-of (a replay's later feedback) counts as of as-of, never above 1.
    assertThat(recency.weight(AS_OF.plusDays(3))).isEqualTo(1f);
  }

  @Test
  void withoutAHalfLifeEveryPositiveWeighsOne() {
    assertThat(ProfileRecency.NONE.enabled()).isFalse();
    assertThat(new ProfileRecency(AS_OF, 0).weight(AS_OF.minusDays(400))).isEqualTo(1f);
  }

  @Test
  void aNegativeOrEndlessHalfLifeIsRefused() {
    assertThatThrownBy(() -> new ProfileRecency(AS_OF, -1))
        .hasMessageContaining("--profile-half-life-days");
    assertThatThrownBy(() -> new ProfileRecency(AS_OF, Double.POSITIVE_INFINITY))
        .hasMessageContaining("--profile-half-life-days");
    assertThatThrownBy(() -> new ProfileRecency(AS_OF, Double.NaN))
        .hasMessageContaining("--profile-half-life-days");
  }

  @Test
  void weighingKeepsEachPositiveInPlaceAndGivesUnknownOnesTheFallback() {
    UserHistory history = new UserHistory(Map.of(1, new int[] {10, 12}, 2, new int[] {11}));
    Interactions binary = Interactions.of(history);
    ProfileWeights weights =
        new ProfileWeights(
            Map.of(ProfileWeights.key(1, 12), 1f, ProfileWeights.key(2, 11), 0.5f),
            0.25f,
            new ProfileRecency(AS_OF, 7));
    Interactions weighed = weights.weigh(binary);
    assertThat(weighed.users()).isSameAs(binary.users());
    assertThat(weighed.items()).isSameAs(binary.items());
    int user1 = binary.users().index(1);
    int[] items1 = weighed.matrix().rowIndices(user1);
    float[] values1 = weighed.matrix().rowValues(user1);
    assertThat(items1).containsExactly(binary.matrix().rowIndices(user1));
    for (int k = 0; k < items1.length; k++) {
      int id = binary.items().id(items1[k]);
      assertThat(values1[k]).as("user 1, item " + id).isEqualTo(id == 12 ? 1f : 0.25f);
    }
    assertThat(weighed.matrix().rowValues(binary.users().index(2))).containsExactly(0.5f);
  }
}
