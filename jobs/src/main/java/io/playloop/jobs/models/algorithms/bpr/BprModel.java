package io.playloop.jobs.models.algorithms.bpr;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.Model;
import java.util.Map;

/**
 * The pairwise ranker's factors on the driver: score = user factors . item factors, where the last
 * column is 1 for users and the bias for items; a user it never saw gets the item biases alone.
 */
public final class BprModel implements Model {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "bpr";

  private static final long serialVersionUID = 1L;
  private final IdIndex users;
  private final float[] userFactors;
  private final IdIndex items;
  private final float[] itemFactors;
  private final int width;
  private final BprParams params;

  /** Vectors of width {@code params.rank() + 1} per user and per item. */
  public BprModel(IdVectors users, IdVectors items, BprParams params) {
    int width = params.rank() + 1;
    if (users.width() != width || items.width() != width) {
      throw new IllegalArgumentException(
          "bpr factors of width "
              + users.width()
              + " and "
              + items.width()
              + " do not match rank "
              + params.rank()
              + " + 1");
    }
    this.users = users.index();
    this.userFactors = users.values();
    this.items = items.index();
    this.itemFactors = items.values();
    this.width = width;
    this.params = params;
  }

  static BprModel of(BprTrainer.Factors f, BprParams params) {
    return new BprModel(
        new IdVectors(new IdIndex(f.userIds()), f.users(), f.width()),
        new IdVectors(new IdIndex(f.itemIds()), f.items(), f.width()),
        params);
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
    int ub = u * width;
    for (int k = 0; k < ids.length; k++) {
      int i = items.index(ids[k]);
      if (i < 0) {
        out[k] = Float.NEGATIVE_INFINITY;
        continue;
      }
      int ib = i * width;
      if (u < 0) {
        out[k] = itemFactors[ib + width - 1];
        continue;
      }
      float s = 0;
      for (int f = 0; f < width; f++) {
        s += userFactors[ub + f] * itemFactors[ib + f];
      }
      out[k] = s;
    }
    return out;
  }

  @Override
  public int[] items() {
    return items.ids();
  }

  IdVectors userVectors() {
    return new IdVectors(users, userFactors, width);
  }

  IdVectors itemVectors() {
    return new IdVectors(items, itemFactors, width);
  }
}
