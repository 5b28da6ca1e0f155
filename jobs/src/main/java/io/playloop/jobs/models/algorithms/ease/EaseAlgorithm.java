package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.linalg.Interactions;
import io.playloop.jobs.spark.NativeBlas;
import java.util.List;

/**
 * EASE, closed-form item-item ridge regression on the driver: exact and dense where the item x item
 * matrix fits, blocked ({@link BlockedEase}) on larger catalogs.
 */
public final class EaseAlgorithm implements Algorithm<EaseParams> {
  /** Most items on netlib's Java fallback, whose O(n^3) inversion is about 15x slower. */
  public static final int FALLBACK_MAX_ITEMS = 6000;

  /** Most items with native LAPACK: the inversion then takes minutes, not hours, on 2 cores. */
  public static final int NATIVE_MAX_ITEMS = 20_000;

  /**
   * Heap bytes per cell of the item x item matrix at the peak: the Gram in doubles, the weights.
   */
  static final int BYTES_PER_CELL = 12;

  /**
   * The search's cells, the default first: the middle one, which a one-cell search on a large
   * catalog fits (amazon-book-subset's validation ranks 100, 250, 500 within 4%).
   */
  static final List<EaseParams> GRID =
      List.of(
          new EaseParams(250),
          new EaseParams(500),
          new EaseParams(100),
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

  /**
   * Items a block of blocked EASE fits from, with native LAPACK: about 1.5 s a block on 2 cores;
   * 8,000 (3 s) fitted amazon-book-subset in 56 s, too much of a 20-minute three-seed benchmark.
   */
  static final int NATIVE_BLOCK_ITEMS = 6000;

  /** Items a block fits from on the Java fallback, whose inversion is about 15x slower. */
  static final int FALLBACK_BLOCK_ITEMS = 2500;

  /** Weights blocked EASE keeps per item: what scores the item, the largest in magnitude. */
  static final int BLOCKED_NEIGHBOURS = 200;

  @Override
  public boolean applicable(TrainingInput input) {
    return true;
  }

  @Override
  public Model fit(TrainingInput input, EaseParams params, long seed) {
    return fit(input, params, maxItems(), blockItems());
  }

  /** Dense EASE up to {@code maxItems}, blocked EASE in blocks of {@code blockItems} past it. */
  static Model fit(TrainingInput input, EaseParams params, int maxItems, int blockItems) {
    if (input.history() != null && input.itemCount() <= maxItems) {
      return EaseModel.fit(input.history(), params, maxItems);
    }
    BlockedEaseParams blocked =
        new BlockedEaseParams(params.lambda(), blockItems, BLOCKED_NEIGHBOURS);
    return BlockedEase.fit(Interactions.of(input), blocked).withProfile(input.profile());
  }

  /** Items a block of blocked EASE holds in this JVM: by LAPACK's kind and by the heap. */
  static int blockItems() {
    boolean nativeLapack = NativeBlas.detect().nativeLapack();
    return Math.min(
        nativeLapack ? NATIVE_BLOCK_ITEMS : FALLBACK_BLOCK_ITEMS,
        maxItems(nativeLapack, Runtime.getRuntime().maxMemory()));
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
