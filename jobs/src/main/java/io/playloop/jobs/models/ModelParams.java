package io.playloop.jobs.models;

import java.io.Serializable;
import java.util.Map;

/**
 * One algorithm's hyperparameters as a typed record that checks its values when built. {@link
 * #toJson()} is the one place a record becomes the JSON object that params.json, the models table
 * and the search trials hold; each record reads it back with its own {@code fromJson}.
 */
public interface ModelParams extends Serializable {
  /** The parameters as a JSON object, keys in snake_case, in a fixed order. */
  Map<String, Object> toJson();

  /** The number under {@code key} of a params JSON object; missing or non-numbers are errors. */
  static double number(Map<String, Object> json, String key) {
    Object v = json == null ? null : json.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("parameter " + key + " missing or not a number: " + v);
    }
    return n.doubleValue();
  }

  /** Like {@link #number} for a whole number. */
  static int integer(Map<String, Object> json, String key) {
    double v = number(json, key);
    if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("parameter " + key + " must be a whole number: " + v);
    }
    return (int) v;
  }
}
