package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.spark.NativeBlas;
import java.util.List;

/** EASE, closed-form item-item ridge regression on the driver; only for small catalogs. */
public final class EaseAlgorithm implements Algorithm<EaseParams> {
  /** Most items on netlib's Java fallback, whose O(n^3) inversion is about 15x slower. */
  public static final int FALLBACK_MAX_ITEMS = 6000;

  /** Most items with native LAPACK: the inversion then takes minutes, not hours, on 2 cores. */
  public static final int NATIVE_MAX_ITEMS = 20_000;

  /**
   * Heap bytes per cell of the item x item matrix at the peak: the Gram in doubles, the weights.
   */
  static final int BYTES_PER_CELL = 12;

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
    return input.history() != null && input.itemCount() <= maxItems();
  }

  @Override
  public Model fit(TrainingInput input, EaseParams params, long seed) {
    return EaseModel.fit(input.history(), params, maxItems());
  }

  /** The largest catalog EASE takes in this JVM: by LAPACK's kind and by the heap. */
  static int maxItems() {
    return maxItems(NativeBlas.detect().nativeLapack(), Runtime.getRuntime().maxMemory());
  }

  /**
   * Native LAPACK: up to {@link #NATIVE_MAX_ITEMS}, as far as the matrices fit in half the heap
   * (the other half is the job's); the Java fallback: {@link #FALLBACK_MAX_ITEMS}.
   */
  static int maxItems(boolean nativeLapack, long maxHeapBytes) {
    int byHeap = (int) Math.min(Integer.MAX_VALUE, Math.sqrt(maxHeapBytes / 2.0 / BYTES_PER_CELL));
    int limit = nativeLapack ? NATIVE_MAX_ITEMS : FALLBACK_MAX_ITEMS;
    return Math.min(limit, byHeap);
  }

  @Override
  public EaseFormat format() {
    return new EaseFormat();
  }
}
