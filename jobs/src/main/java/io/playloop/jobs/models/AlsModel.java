package io.playloop.jobs.models;

import java.util.Map;

/** Spark MLlib ALS's learned factors on the driver: score = user factors . item factors. */
public final class AlsModel implements Model {
  private static final long serialVersionUID = 1L;
  private final IdIndex users;
  private final float[] userFactors;
  private final IdIndex items;
  private final float[] itemFactors;
  private final int rank;
  private final Map<String, Object> params;

  public AlsModel(
      IdIndex users,
      float[] userFactors,
      IdIndex items,
      float[] itemFactors,
      int rank,
      Map<String, Object> params) {
    this.users = users;
    this.userFactors = userFactors;
    this.items = items;
    this.itemFactors = itemFactors;
    this.rank = rank;
    this.params = params;
  }

  @Override
  public String algorithm() {
    return "als";
  }

  @Override
  public Map<String, Object> params() {
    return params;
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

  IdIndex userIndex() {
    return users;
  }

  IdIndex itemIndex() {
    return items;
  }

  float[] userFactors() {
    return userFactors;
  }

  float[] itemFactors() {
    return itemFactors;
  }

  int rank() {
    return rank;
  }
}
