package io.playloop.jobs.models.algorithms.bpr;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.evaluation.BlockScoring;
import io.playloop.jobs.models.linalg.DenseProduct;
import java.util.Map;

/**
 * The pairwise ranker's factors on the driver: score = user factors . item factors, where the last
 * column is 1 for users and the bias for items; a user it never saw gets the item biases alone.
 */
public final class BprModel implements Model, BlockScoring {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "bpr";

  private static final long serialVersionUID = 1L;
  private final IdVectors users;
  private final IdVectors items;
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
    this.users = users;
    this.items = items;
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
    float[] u = users.vector(user);
    return items.dots(u == null ? unseenUser() : u, ids);
  }

  @Override
  public void scoreBlock(int[] userIds, float[] out) {
    items.dotsWithAll(
        users.gather(userIds, unseenUser()), userIds.length, DenseProduct.shared(), out);
  }

  /** A user it never saw: the item biases alone, a learned popularity. */
  private float[] unseenUser() {
    float[] u = new float[width];
    u[width - 1] = 1f;
    return u;
  }

  @Override
  public int[] items() {
    return items.index().ids();
  }

  IdVectors userVectors() {
    return users;
  }

  IdVectors itemVectors() {
    return items;
  }
}
