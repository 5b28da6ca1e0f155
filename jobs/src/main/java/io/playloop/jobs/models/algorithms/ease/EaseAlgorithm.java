package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import java.util.List;

/** EASE, closed-form item-item ridge regression on the driver; only for small catalogs. */
public final class EaseAlgorithm implements Algorithm<EaseParams> {
  /** EASE keeps a dense item x item matrix: beyond this many items it is skipped. */
  public static final int MAX_ITEMS = 6000;

  /** The search's cells, the default first. */
  static final List<EaseParams> GRID =
      List.of(
          new EaseParams(500),
          new EaseParams(100),
          new EaseParams(250),
          new EaseParams(1000),
          new EaseParams(2000));

  @Override
  public String name() {
    return EaseModel.ALGORITHM;
  }

  @Override
  public List<EaseParams> grid() {
    return GRID;
  }

  @Override
  public boolean applicable(TrainingInput input) {
    return input.history() != null && input.itemCount() <= MAX_ITEMS;
  }

  @Override
  public Model fit(TrainingInput input, EaseParams params, long seed) {
    return EaseModel.fit(input.history(), params, MAX_ITEMS);
  }

  @Override
  public EaseFormat format() {
    return new EaseFormat();
  }
}
