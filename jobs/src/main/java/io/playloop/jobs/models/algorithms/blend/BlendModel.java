package io.playloop.jobs.models.algorithms.blend;

import io.playloop.jobs.models.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted sum of other models' scores, each divided by a global scale (its scores' standard
 * deviation on a sample) so that the weights compare like with like. Global, not per-request,
 * scales keep a user's ranking the same whatever candidate set is scored.
 */
public final class BlendModel implements Model {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "blend";

  private static final long serialVersionUID = 1L;
  private final List<Model> components;
  private final double[] weights;
  private final double[] scales;

  public BlendModel(List<Model> components, double[] weights, double[] scales) {
    if (components.size() != weights.length || weights.length != scales.length) {
      throw new IllegalArgumentException("one weight and one scale per component");
    }
    this.components = List.copyOf(components);
    this.weights = weights.clone();
    this.scales = scales.clone();
  }

  /**
   * Blends {@code components} with {@code weights}, measuring scales on {@code sampleUsers}: the
   * blend's fit.
   */
  public static BlendModel of(List<Model> components, double[] weights, int[] sampleUsers) {
    double[] scales = new double[components.size()];
    for (int c = 0; c < components.size(); c++) {
      Model m = components.get(c);
      int[] items = m.items();
      double sum = 0;
      double sumSq = 0;
      long n = 0;
      for (int u : sampleUsers) {
        for (float s : m.score(u, items)) {
          if (Float.isFinite(s)) {
            sum += s;
            sumSq += (double) s * s;
            n++;
          }
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double sd = n == 0 ? 1 : Math.sqrt(Math.max(0, sumSq / n - mean * mean));
      scales[c] = sd > 0 ? sd : 1;
    }
    return new BlendModel(components, weights, scales);
  }

  /** The same components and scales with other weights. */
  public BlendModel withWeights(double[] newWeights) {
    return new BlendModel(components, newWeights, scales);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    List<Map<String, Object>> parts = new ArrayList<>();
    for (int c = 0; c < components.size(); c++) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("algorithm", components.get(c).algorithm());
      part.put("weight", weights[c]);
      part.put("scale", scales[c]);
      part.put("params", components.get(c).params());
      parts.add(part);
    }
    p.put("components", parts);
    return p;
  }

  @Override
  public float[] score(int user, int[] items) {
    float[] out = new float[items.length];
    for (int c = 0; c < components.size(); c++) {
      float[] s = components.get(c).score(user, items);
      float f = (float) (weights[c] / scales[c]);
      for (int k = 0; k < items.length; k++) {
        out[k] += f * s[k];
      }
    }
    return out;
  }

  @Override
  public int[] items() {
    return components.get(0).items();
  }

  List<Model> components() {
    return components;
  }

  double[] weights() {
    return weights.clone();
  }

  double[] scales() {
    return scales.clone();
  }
}
