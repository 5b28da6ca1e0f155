package io.playloop.jobs.models.algorithms.als;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.Model;
import java.util.Map;

/** Spark MLlib ALS's learned factors on the driver: score = user factors . item factors. */
public final class AlsModel implements Model {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "als";

  private static final long serialVersionUID = 1L;
  private final IdIndex users;
  private final float[] userFactors;
  private final IdIndex items;
  private final float[] itemFactors;
  private final int rank;
  private final AlsParams params;

  /** Factors of width {@code params.rank()} per user and per item. */
  public AlsModel(IdVectors users, IdVectors items, AlsParams params) {
    if (users.width() != params.rank() || items.width() != params.rank()) {
      throw new IllegalArgumentException(
          "ALS factors of width "
              + users.width()
              + " and "
              + items.width()
              + " do not match rank "
              + params.rank());
    }
    this.users = users.index();
    this.userFactors = users.values();
    this.items = items.index();
    this.itemFactors = items.values();
    this.rank = params.rank();
    this.params = params;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public Map<String, Object> params() {
    return params.toJson();
  }

  @Override
  public float[] score(int user, int[] ids) {
    float[] out = new float[ids.length];
    int u = users.index(user);
    for (int k = 0; k < ids.length; k++) {
      int i = items.index(ids[k]);
      if (i < 0) {
        out[k] = Float.NEGATIVE_INFINITY;
      } else if (u >= 0) {
        float s = 0;
        int ub = u * rank;
        int ib = i * rank;
        for (int f = 0; f < rank; f++) {
          s += userFactors[ub + f] * itemFactors[ib + f];
        }
        out[k] = s;
      }
    }
    return out;
  }

  @Override
  public int[] items() {
    return items.ids();
  }

  IdVectors userVectors() {
    return new IdVectors(users, userFactors, rank);
  }

  IdVectors itemVectors() {
    return new IdVectors(items, itemFactors, rank);
  }
}
