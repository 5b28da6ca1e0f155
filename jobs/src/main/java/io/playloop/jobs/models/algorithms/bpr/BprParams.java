package io.playloop.jobs.models.algorithms.bpr;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pairwise ranker's knobs.
 *
 * @param rank latent dimensions (an item bias comes on top)
 * @param learningRate SGD step size of the first epoch
 * @param decay the step size is multiplied by this after every epoch
 * @param reg L2 penalty on user and item factors
 * @param biasReg L2 penalty on item biases
 * @param epochs passes over every user's blocks
 * @param sampledNegatives uniformly sampled catalog negatives per positive and epoch, besides the
 *     block's own negatives
 * @param explicitWeight step-size multiplier of a block's own negatives (what the user was shown
 *     and passed over) against sampled ones
 */
public record BprParams(
    int rank,
    double learningRate,
    double decay,
    double reg,
    double biasReg,
    int epochs,
    int sampledNegatives,
    double explicitWeight)
    implements ModelParams {
  public BprParams {
    check(rank >= 1 && rank <= 1024, "rank must be 1..1024, got " + rank);
    check(learningRate > 0 && learningRate <= 1, "learning rate must be in (0, 1]");
    check(decay > 0 && decay <= 1, "decay must be in (0, 1]");
    check(reg >= 0 && biasReg >= 0, "regularization must not be negative");
    check(epochs >= 1, "epochs must be at least 1");
    check(sampledNegatives >= 0, "sampled negatives must not be negative");
    check(explicitWeight >= 0, "explicit weight must not be negative");
  }

  /** The defaults: the first cell of the search. */
  public static BprParams defaults() {
    return new BprParams(64, 0.05, 0.95, 0.002, 0.001, 25, 4, 1.0);
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rank", rank);
    m.put("learning_rate", learningRate);
    m.put("decay", decay);
    m.put("reg", reg);
    m.put("bias_reg", biasReg);
    m.put("epochs", epochs);
    m.put("sampled_negatives", sampledNegatives);
    m.put("explicit_weight", explicitWeight);
    return m;
  }

  /** Reads what {@link #toJson()} wrote. */
  public static BprParams fromJson(Map<String, Object> json) {
    return new BprParams(
        ModelParams.integer(json, "rank"),
        ModelParams.number(json, "learning_rate"),
        ModelParams.number(json, "decay"),
        ModelParams.number(json, "reg"),
        ModelParams.number(json, "bias_reg"),
        ModelParams.integer(json, "epochs"),
        ModelParams.integer(json, "sampled_negatives"),
        ModelParams.number(json, "explicit_weight"));
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("bpr: " + message);
    }
  }
}
