package io.playloop.jobs.models.algorithms.rp3beta;

import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import io.playloop.jobs.models.linalg.TopKProduct;

/**
 * RP3beta (Paudel et al. 2017; Dacrema et al. 2019): a three-step random walk item -> user -> item
 * with damped popularity. P_ui is the user x item matrix with rows L1-normalised, P_iu the item x
 * user one likewise, both raised elementwise to alpha; W = P_iu P_ui with column j divided by
 * deg(j)^beta, the diagonal dropped, the k largest entries of each row kept and rows L1-normalised
 * again.
 *
 * <p>Time O(sum over users of positives^2) for the product plus O(entries touched x log k); memory
 * O(items x k) for W (8 bytes an entry) plus one dense row accumulator per thread.
 */
public final class Rp3beta {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "rp3beta";

  private Rp3beta() {}

  public static ItemNeighbourModel fit(Interactions positives, Rp3betaParams params) {
    CsrMatrix r = positives.matrix();
    CsrMatrix pui = r.rowsL1Normalised().power(params.alpha());
    CsrMatrix piu = r.transpose().rowsL1Normalised().power(params.alpha());
    double[] degree = positives.itemDegrees();
    double[] damping = new double[degree.length];
    for (int j = 0; j < degree.length; j++) {
      damping[j] = degree[j] > 0 ? Math.pow(degree[j], -params.beta()) : 0;
    }
    CsrMatrix w =
        TopKProduct.rows(piu, pui, params.neighbours(), true, (i, j, dot) -> dot * damping[j]);
    return new ItemNeighbourModel(ALGORITHM, params, positives, w.rowsL1Normalised());
  }
}
