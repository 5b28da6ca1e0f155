package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Blocked EASE's settings: EASE's L2 strength, searched, and the two sizes that trade accuracy for
 * memory and time, set by the catalog and the machine.
 *
 * @param lambda L2 strength added to each block's Gram matrix diagonal
 * @param blockItems items one block fits from (its targets and its halo): a dense blockItems^2
 *     matrix
 * @param neighbours weights kept per target item, the largest in magnitude
 */
public record BlockedEaseParams(double lambda, int blockItems, int neighbours)
    implements ModelParams {
  /** The params key that marks a blocked EASE model apart from a dense one. */
  static final String BLOCK_ITEMS = "block_items";

  public BlockedEaseParams {
    new EaseParams(lambda); // the same check
    if (blockItems < 2) {
      throw new IllegalArgumentException("EASE blocks need at least 2 items, got " + blockItems);
    }
    if (neighbours < 1) {
      throw new IllegalArgumentException(
          "EASE must keep at least 1 weight per item, got " + neighbours);
    }
  }

  /** Items of a block that are its targets; the rest of it is the halo. */
  int targetItems() {
    return blockItems - haloItems();
  }

  /** A quarter of a block reads from outside it. */
  int haloItems() {
    return blockItems / 4;
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lambda", lambda);
    m.put(BLOCK_ITEMS, blockItems);
    m.put("neighbours", neighbours);
    return m;
  }

  /** Reads what {@link #toJson()} wrote. */
  public static BlockedEaseParams fromJson(Map<String, Object> json) {
    return new BlockedEaseParams(
        ModelParams.number(json, "lambda"),
        ModelParams.integer(json, BLOCK_ITEMS),
        ModelParams.integer(json, "neighbours"));
  }
}
