package io.playloop.jobs.simulate;

import java.util.SplittableRandom;

/**
 * How a simulated user picks one of the playlists shown: a softmax over the playlists' true scores
 * (relative to the best one shown), lowered by a position bias (people favour the top of a list)
 * and perturbed by Gumbel noise (people are not perfectly consistent).
 */
public record ChoiceModel(double temperature, double positionBias, double noise) {
  public ChoiceModel {
    if (temperature <= 0) {
      throw new IllegalArgumentException("temperature must be positive");
    }
  }

  /** The index of the chosen playlist among {@code trueScores} (in the order shown). */
  public int choose(double[] trueScores, SplittableRandom random) {
    double best = 0;
    for (double s : trueScores) {
      best = Math.max(best, s);
    }
    int chosen = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < trueScores.length; i++) {
      double relative = best > 0 ? trueScores[i] / best : 0;
      double utility = relative / temperature - positionBias * Math.log(1 + i) / Math.log(2);
      // argmax of utility + Gumbel noise samples from the softmax of the utilities.
      double u = random.nextDouble();
      double gumbel = -Math.log(-Math.log(Math.max(u, 1e-300)));
      double value = utility + noise * gumbel;
      if (value > top) {
        top = value;
        chosen = i;
      }
    }
    return chosen;
  }
}
