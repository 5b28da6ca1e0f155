package io.playloop.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChoiceModelTest {
  private static int[] counts(ChoiceModel model, double[] scores, int draws) {
    SplittableRandom random = new SplittableRandom(11);
    int[] counts = new int[scores.length];
    for (int i = 0; i < draws; i++) {
      counts[model.choose(scores, random)]++;
    }
    return counts;
  }

  @Test
  void withoutNoiseTheBestPlaylistIsAlwaysChosen() {
    int[] counts = counts(new ChoiceModel(0.2, 0, 0), new double[] {0.1, 0.5, 0.9, 0.2, 0.3}, 500);
    assertThat(counts[2]).isEqualTo(500);
  }

  @Test
  void withNoiseTheBestPlaylistIsChosenMostButNotAlways() {
    int[] counts = counts(new ChoiceModel(0.2, 0, 1), new double[] {0.1, 0.5, 0.9, 0.2, 0.3}, 5000);
    assertThat(counts[2]).isGreaterThan(counts[1]).isLessThan(5000);
    assertThat(counts[1]).isGreaterThan(counts[0]);
  }

  @Test
  void positionBiasFavoursTheTopOfTheListAmongEqualPlaylists() {
    int[] counts = counts(new ChoiceModel(0.2, 1.0, 1), new double[] {1, 1, 1, 1, 1}, 5000);
    assertThat(counts[0]).isGreaterThan(counts[2]);
    assertThat(counts[2]).isGreaterThan(counts[4]);
  }

  @Test
  void theSameSeedMakesTheSameChoices() {
    ChoiceModel model = new ChoiceModel(0.2, 0.3, 1);
    double[] scores = {0.3, 0.2, 0.4, 0.1, 0.25};
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    for (int i = 0; i < 100; i++) {
      assertThat(model.choose(scores, a)).isEqualTo(model.choose(scores, b));
    }
  }

  @Test
  void aNonPositiveTemperatureIsRefused() {
    assertThatThrownBy(() -> new ChoiceModel(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int rejections(ChoiceModel model, double[] scores, double reference, int draws) {
    SplittableRandom random = new SplittableRandom(23);
    int none = 0;
    for (int i = 0; i < draws; i++) {
      none += model.choose(scores, reference, random) < 0 ? 1 : 0;
    }
    return none;
  }

  @Test
  void withAnOutsideOptionAClearlyBadListIsMostlyRejectedAndAGoodOneMostlyLiked() {
    ChoiceModel model = new ChoiceModel(0.2, 0.3, 1, SimulateJob.LIKE_THRESHOLD);
    double reference = 0.5; // the user's k-th best playlist in the whole catalog
    double[] stale = {0.04, 0.05, 0.03, 0.04, 0.02};
    double[] good = {0.5, 0.45, 0.55, 0.4, 0.35};
    assertThat(rejections(model, stale, reference, 5000)).isGreaterThan(2500);
    assertThat(rejections(model, good, reference, 5000)).isLessThan(250);
    // The same bad list without the absolute reference: the relatively best one is liked.
    assertThat(rejections(model, stale, 0, 5000)).isLessThan(250);
  }

  @Test
  void withoutAnOutsideOptionSomethingIsAlwaysLiked() {
    assertThat(rejections(new ChoiceModel(0.2, 0.3, 1), new double[] {0.01, 0.02}, 0.5, 2000))
        .isZero();
  }

  @Test
  void theOutsideOptionDoesNotChangeTheChoicesOfTheOldModel() {
    // Without a threshold no draw goes to the outside option: the same seed, the same choices.
    ChoiceModel model = new ChoiceModel(0.2, 0.3, 1);
    double[] scores = {0.3, 0.2, 0.4, 0.1, 0.25};
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    for (int i = 0; i < 100; i++) {
      assertThat(model.choose(scores, a)).isEqualTo(model.choose(scores, 0, b));
    }
  }
}
