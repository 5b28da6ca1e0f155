package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.algorithms.itemknn.ItemKnn;
import io.playloop.jobs.models.algorithms.itemknn.ItemKnnParams;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EASE past the catalog a dense item x item matrix fits: the catalog is cut into blocks of items
 * liked together ({@link ItemBlocks}), each block's targets get exact EASE weights from the block's
 * items and its halo, and each target keeps its {@code neighbours} largest weights in magnitude.
 * One block holding the whole catalog, keeping every weight, is EASE itself.
 *
 * <p>Time: the item graph as in item kNN, then per block O(positives) to gather its Gram matrix,
 * O(block^3) for the inversion (single precision, native LAPACK: about 3 s for 8,000 items on 2
 * cores) and O(block^2) to read the weights; about items / (0.75 block) blocks. Memory: one dense
 * block^2 matrix of floats at a time (8,000 items: 256 MB) plus 8 bytes per kept weight (200,000
 * items x 200 = 320 MB).
 */
public final class BlockedEase {
  /** Neighbours per item in the graph the blocks are cut along: item kNN's similarities. */
  static final int GRAPH_NEIGHBOURS = 100;

  /** Shrinkage of the graph's cosine: ties seen by few users weigh less. */
  static final double GRAPH_SHRINK = 10;

  private static final Logger LOG = LoggerFactory.getLogger(BlockedEase.class);

  private BlockedEase() {}

  /** Fits blocked EASE on the positives; rows and columns in the order of their items. */
  public static ItemNeighbourModel fit(Interactions positives, BlockedEaseParams params) {
    long start = System.nanoTime();
    CsrMatrix x = positives.matrix();
    int n = positives.items().size();
    double[] likes = positives.itemDegrees();
    CsrMatrix graph =
        ItemKnn.similarities(positives, new ItemKnnParams(GRAPH_NEIGHBOURS, GRAPH_SHRINK));
    List<ItemBlocks.Block> blocks =
        ItemBlocks.partition(graph, likes, params.targetItems(), params.haloItems());
    long partitioned = System.nanoTime();
    int[][] from = new int[n][];
    float[][] weight = new float[n][];
    int[] local = new int[n];
    Arrays.fill(local, -1);
    long inverting = 0;
    for (ItemBlocks.Block block : blocks) {
      inverting += fitBlock(x, block, params, local, from, weight);
    }
    // Rows are targets so far; the model's rows are the liked items weights lead from.
    CsrMatrix byTarget = CsrMatrix.ofRows(n, from, weight);
    LOG.info(
        "blocked EASE: {} items in {} blocks of at most {} targets and {} halo items, {} s"
            + " (graph and blocks {} s, inversions {} s)",
        n,
        blocks.size(),
        params.targetItems(),
        params.haloItems(),
        seconds(System.nanoTime() - start),
        seconds(partitioned - start),
        seconds(inverting));
    return new ItemNeighbourModel(EaseModel.ALGORITHM, params, positives, byTarget.transpose());
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
  }

  /**
   * Fits one block's targets: EASE on its features, each target's column kept sparse. Returns the
   * nanoseconds the inversion took.
   */
  private static long fitBlock(
      CsrMatrix x,
      ItemBlocks.Block block,
      BlockedEaseParams params,
      int[] local,
      int[][] from,
      float[][] weight) {
    int[] features = block.features();
    int f = features.length;
    for (int k = 0; k < f; k++) {
      local[features[k]] = k;
    }
    float[] p = new float[f * f];
    int[] liked = new int[f];
    for (int u = 0; u < x.rows(); u++) {
      int count = 0;
      for (int q = x.start(u); q < x.end(u); q++) {
        int l = local[x.index(q)];
        if (l >= 0) {
          liked[count++] = l;
        }
      }
      for (int a = 0; a < count; a++) {
        int row = liked[a] * f;
        for (int b = 0; b < count; b++) {
          p[row + liked[b]] += 1;
        }
      }
    }
    for (int k = 0; k < f; k++) {
      p[k * f + k] += params.lambda();
      local[features[k]] = -1;
    }
    long t0 = System.nanoTime();
    DenseLinearAlgebra.spdInverseInPlace(p, f);
    long inverted = System.nanoTime() - t0;
    int keep = Math.min(params.neighbours(), f - 1);
    // Targets are the first features: target t is feature t.
    IntStream.range(0, block.targets().length)
        .parallel()
        .forEach(
            t -> {
              double diagonal = p[t * f + t];
              TopWeights top = new TopWeights(keep);
              for (int i = 0; i < f; i++) {
                if (i != t) {
                  top.offer(i, -DenseLinearAlgebra.symmetric(p, f, i, t) / diagonal);
                }
              }
              int target = features[t];
              from[target] = top.items(features);
              weight[target] = top.weights();
            });
    return inverted;
  }

  /** The k entries of largest magnitude seen, kept in a min-heap on magnitude. */
  private static final class TopWeights {
    private final int[] item;
    private final double[] value;
    private int size;

    TopWeights(int k) {
      item = new int[k];
      value = new double[k];
    }

    void offer(int i, double v) {
      if (v == 0 || item.length == 0) {
        return;
      }
      if (size < item.length) {
        item[size] = i;
        value[size] = v;
        up(size++);
      } else if (Math.abs(v) > Math.abs(value[0])) {
        item[0] = i;
        value[0] = v;
        down(0);
      }
    }

    /** The kept entries' items, as ids through {@code features}, ascending; weights to match. */
    int[] items(int[] features) {
      sortByItem(features);
      int[] out = new int[size];
      for (int k = 0; k < size; k++) {
        out[k] = features[item[k]];
      }
      return out;
    }

    float[] weights() {
      float[] out = new float[size];
      for (int k = 0; k < size; k++) {
        out[k] = (float) value[k];
      }
      return out;
    }

    private void sortByItem(int[] features) {
      Integer[] order = new Integer[size];
      for (int k = 0; k < size; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(features[item[a]], features[item[b]]));
      int[] items = new int[size];
      double[] values = new double[size];
      for (int k = 0; k < size; k++) {
        items[k] = item[order[k]];
        values[k] = value[order[k]];
      }
      System.arraycopy(items, 0, item, 0, size);
      System.arraycopy(values, 0, value, 0, size);
    }

    private void up(int k) {
      while (k > 0) {
        int parent = (k - 1) / 2;
        if (Math.abs(value[k]) >= Math.abs(value[parent])) {
          return;
        }
        swap(k, parent);
        k = parent;
      }
    }

    private void down(int k) {
      while (true) {
        int smallest = k;
        for (int c = 2 * k + 1; c <= 2 * k + 2 && c < size; c++) {
          if (Math.abs(value[c]) < Math.abs(value[smallest])) {
            smallest = c;
          }
        }
        if (smallest == k) {
          return;
        }
        swap(k, smallest);
        k = smallest;
      }
    }

    private void swap(int a, int b) {
      int i = item[a];
      item[a] = item[b];
      item[b] = i;
      double v = value[a];
      value[a] = value[b];
      value[b] = v;
    }
  }
}
