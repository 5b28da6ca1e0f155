package io.playloop.jobs.models.algorithms.als;

import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.evaluation.BlockScoring;
import io.playloop.jobs.models.linalg.DenseProduct;
import java.util.Map;

/** Spark MLlib ALS's learned factors on the driver: score = user factors . item factors. */
public final class AlsModel implements Model, BlockScoring {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "als";

  private static final long serialVersionUID = 1L;
  private final IdVectors users;
  private final IdVectors items;
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
    this.users = users;
    this.items = items;
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
    // A user without factors scores 0 on every known playlist.
    return items.dots(users.vector(user), ids);
  }

  @Override
  public void scoreBlock(int[] userIds, float[] out) {
    items.dotsWithAll(users.gather(userIds, null), userIds.length, DenseProduct.shared(), out);
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
