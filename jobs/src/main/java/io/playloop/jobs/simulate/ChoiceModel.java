package io.playloop.jobs.simulate;

import java.util.SplittableRandom;

/**
 * How a simulated user picks one of the playlists shown, or none: a softmax over the playlists'
 * true scores relative to a reference, lowered by a position bias (people favour the top of a list)
 * and perturbed by Gumbel noise (people are not perfectly consistent). Liking nothing is one more
 * option of fixed utility {@code likeThreshold} (on the relative scale), so a list of playlists
 * that are all poor next to the reference is mostly rejected; negative infinity turns that option
 * off (the user always likes one).
 */
public record ChoiceModel(
    double temperature, double positionBias, double noise, double likeThreshold) {
  /** A user who always likes one of the playlists shown. */
  public ChoiceModel(double temperature, double positionBias, double noise) {
    this(temperature, positionBias, noise, Double.NEGATIVE_INFINITY);
  }

  public ChoiceModel {
    if (temperature <= 0) {
      throw new IllegalArgumentException("temperature must be positive");
    }
  }

  /** The index of the chosen playlist, scores relative to the best one shown; never -1. */
  public int choose(double[] trueScores, SplittableRandom random) {
    return new ChoiceModel(temperature, positionBias, noise).choose(trueScores, 0, random);
  }

  /**
   * The index of the chosen playlist among {@code trueScores} (in the order shown), or -1 when the
   * user likes none of them. Scores count relative to {@code reference} (a good score for this
   * user); a reference of 0 or less means the best score shown.
   */
  public int choose(double[] trueScores, double reference, SplittableRandom random) {
    double scale = reference;
    if (scale <= 0) {
      for (double s : trueScores) {
        scale = Math.max(scale, s);
      }
    }
    int chosen = -1;
    // Without an outside option no draw is spent on it: the same seed makes the same choices.
    double top =
        Double.isInfinite(likeThreshold)
            ? Double.NEGATIVE_INFINITY
            : likeThreshold / temperature + noise * gumbel(random);
    for (int i = 0; i < trueScores.length; i++) {
      double relative = scale > 0 ? trueScores[i] / scale : 0;
      double utility = relative / temperature - positionBias * Math.log(1 + i) / Math.log(2);
      // argmax of utility + Gumbel noise samples from the softmax of the utilities.
      double value = utility + noise * gumbel(random);
      if (value > top) {
        top = value;
        chosen = i;
      }
    }
    return chosen;
  }

  private static double gumbel(SplittableRandom random) {
    double u = random.nextDouble();
    return -Math.log(-Math.log(Math.max(u, 1e-300)));
  }
}
