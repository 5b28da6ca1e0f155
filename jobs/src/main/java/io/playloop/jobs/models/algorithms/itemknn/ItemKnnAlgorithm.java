package io.playloop.jobs.models.algorithms.itemknn;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourFormat;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.List;

/** Item kNN with shrunk cosine; sparse, so for any catalog size. */
public final class ItemKnnAlgorithm implements Algorithm<ItemKnnParams> {
  /** The search's cells, the default first. */
  static final List<ItemKnnParams> GRID =
      List.of(
          new ItemKnnParams(100, 10),
          new ItemKnnParams(50, 50),
          new ItemKnnParams(200, 0),
          new ItemKnnParams(400, 100),
          new ItemKnnParams(20, 10));

  @Override
  public String name() {
    return ItemKnn.ALGORITHM;
  }

  @Override
  public List<ItemKnnParams> grid() {
    return GRID;
  }

  @Override
  public boolean applicable(TrainingInput input) {
    return true;
  }

  @Override
  public Model fit(TrainingInput input, ItemKnnParams params, long seed) {
    return ItemKnn.fit(Interactions.of(input), params).withProfile(input.profile());
  }

  @Override
  public ItemNeighbourFormat format() {
    return new ItemNeighbourFormat(ItemKnn.ALGORITHM, ItemKnnParams::fromJson);
  }
}
