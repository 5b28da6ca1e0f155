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
}
