package io.playloop.jobs.models.evaluation;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TopScored;
import io.playloop.jobs.models.UserHistory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * Each user's top {@code depth} of a catalog with the user's seen items left out, as both holdout
 * evaluations rank: from the reached items and one shared order of the rest when the model offers
 * {@link SparseScoring}, in blocks of users when it offers {@link BlockScoring}, else one user at a
 * time through {@code Model.score}. All give the same lists (ties: smaller id first; items the
 * model does not know are never ranked).
 */
public final class CatalogRanking {
  /** Floats per block of scores (16 MB): big enough for BLAS, small beside the heap per thread. */
  static final int BLOCK_FLOATS = 4 << 20;

  /** At most this many users a block, so that small catalogs still spread over the threads. */
  static final int MAX_BLOCK_USERS = 512;

  private CatalogRanking() {}

  /** The top ids of {@code users[u]} at index u, best first. */
  public static int[][] top(Model model, UserHistory seen, int[] users, int[] catalog, int depth) {
    if (model instanceof SparseScoring sparse) {
      return sparse(model, sparse, seen, users, catalog, depth);
    }
    if (model instanceof BlockScoring blocks) {
      return blocked(model, blocks, seen, users, catalog, depth);
    }
    return oneByOne(model, seen, users, catalog, depth);
  }

  /**
   * User by user: the model scores the catalog, the user's seen items are masked (looked up once
   * each, not one boxed set look-up per catalog item), the top is picked.
   */
  static int[][] oneByOne(Model model, UserHistory seen, int[] users, int[] catalog, int depth) {
    Positions positions = Positions.of(catalog);
    int[][] out = new int[users.length][];
    IntStream.range(0, users.length)
        .parallel()
        .forEach(
            x -> {
              int u = users[x];
              float[] scores = model.score(u, catalog).clone();
              for (int i : seen.items(u)) {
                int p = positions.of(i);
                if (p >= 0) {
                  scores[p] = Float.NEGATIVE_INFINITY;
                }
              }
              out[x] = TopScored.ids(catalog, scores, depth);
            });
    return out;
  }

  /** Where an id sits in an array of distinct ids: by binary search when ascending, else a map. */
  private record Positions(int[] ids, Map<Integer, Integer> map) {
    static Positions of(int[] ids) {
      for (int p = 1; p < ids.length; p++) {
        if (ids[p] <= ids[p - 1]) {
          Map<Integer, Integer> map = new HashMap<>(ids.length * 2);
          for (int q = 0; q < ids.length; q++) {
            map.putIfAbsent(ids[q], q);
          }
          return new Positions(ids, map);
        }
      }
      return new Positions(ids, null);
    }

    /** The position of {@code id}, or -1. */
    int of(int id) {
      if (map != null) {
        return map.getOrDefault(id, -1);
      }
      int p = Arrays.binarySearch(ids, id);
      return p >= 0 ? p : -1;
    }
  }

  /** Blocks of users scored at once over the model's items, ranked where the catalog has them. */
  static int[][] blocked(
      Model model, BlockScoring blocks, UserHistory seen, int[] users, int[] catalog, int depth) {
    int[] items = model.items();
    int n = items.length;
    boolean[] outsideCatalog = outside(items, catalog);
    // Model items outside the catalog are masked like seen ones: the per-user path never sees them.
    int[] outside = IntStream.range(0, n).filter(j -> outsideCatalog[j]).toArray();
    int size = Math.max(1, Math.min(MAX_BLOCK_USERS, BLOCK_FLOATS / Math.max(1, n)));
    int count = (users.length + size - 1) / size;
    int[][] out = new int[users.length][];
    // One buffer per concurrent block, handed from block to block, dropped with the evaluation.
    Queue<float[]> buffers = new ConcurrentLinkedQueue<>();
    IntStream.range(0, count)
        .parallel()
        .forEach(
            b -> {
              int from = b * size;
              int[] block = Arrays.copyOfRange(users, from, Math.min(users.length, from + size));
              float[] polled = buffers.poll();
              float[] scores = polled != null ? polled : new float[size * n];
              blocks.scoreBlock(block, scores);
              for (int r = 0; r < block.length; r++) {
                int base = r * n;
                for (int j : outside) {
                  scores[base + j] = Float.NEGATIVE_INFINITY;
                }
                for (int i : seen.items(block[r])) {
                  int j = Arrays.binarySearch(items, i);
                  if (j >= 0) {
                    scores[base + j] = Float.NEGATIVE_INFINITY;
                  }
                }
                out[from + r] = TopScored.ids(items, scores, base, depth);
              }
              buffers.add(scores);
            });
    return out;
  }

  /** Whether each of the model's {@code items} is missing from {@code catalog}. */
  private static boolean[] outside(int[] items, int[] catalog) {
    int[] sortedCatalog = catalog.clone();
    Arrays.sort(sortedCatalog);
    boolean[] outside = new boolean[items.length];
    for (int j = 0; j < items.length; j++) {
      outside[j] = Arrays.binarySearch(sortedCatalog, items[j]) < 0;
    }
    return outside;
  }

  /** Users in a task of the sparse ranking: enough to pay for its scratch, few beside the users. */
  static final int SPARSE_TASK_USERS = 256;

  /**
   * From each user's reached items and the head of one order of the base scores: the user's top is
   * the merge of the best reached items and the best unreached ones, which come first in that order
   * once the user's reached and seen items are skipped. O(reached + seen + depth) a user instead of
   * O(items).
   */
  static int[][] sparse(
      Model model, SparseScoring sparse, UserHistory seen, int[] users, int[] catalog, int depth) {
    int[] items = model.items();
    int n = items.length;
    float[] base = sparse.baseScores();
    boolean[] outside = outside(items, catalog);
    // The catalog's items by base score, best first; a stable sort keeps ties in ascending id.
    int[] order =
        IntStream.range(0, n)
            .filter(j -> !outside[j] && TopScored.rankable(base[j]))
            .boxed()
            .sorted((a, b) -> Float.compare(base[b], base[a]))
            .mapToInt(Integer::intValue)
            .toArray();
    ReachRanking ranking = new ReachRanking(sparse, seen, items, base, outside, order, depth);
    int[][] out = new int[users.length][];
    int tasks = (users.length + SPARSE_TASK_USERS - 1) / SPARSE_TASK_USERS;
    Queue<SparseScratch> scratches = new ConcurrentLinkedQueue<>();
    IntStream.range(0, tasks)
        .parallel()
        .forEach(
            t -> {
              SparseScratch polled = scratches.poll();
              SparseScratch s = polled != null ? polled : new SparseScratch(n);
              int to = Math.min(users.length, (t + 1) * SPARSE_TASK_USERS);
              for (int x = t * SPARSE_TASK_USERS; x < to; x++) {
                out[x] = ranking.top(users[x], x + 1, s);
              }
              scratches.add(s);
            });
    return out;
  }

  /** One task's reused state: the reached sums and the seen marks (a user's stamp, no clearing). */
  private static final class SparseScratch {
    final ReachedScores reach;
    final int[] seenStamp;

    SparseScratch(int items) {
      reach = new ReachedScores(items);
      seenStamp = new int[items];
    }
  }

  /**
   * What every user's ranking shares: the model's items, their base scores, which are outside the
   * catalog, and the catalog's items in base-score order.
   */
  private record ReachRanking(
      SparseScoring sparse,
      UserHistory seen,
      int[] items,
      float[] base,
      boolean[] outside,
      int[] order,
      int depth) {
    /** The user's top ids; {@code stamp} is unique to the user within this ranking. */
    int[] top(int user, int stamp, SparseScratch s) {
      ReachedScores reach = s.reach;
      int[] marks = s.seenStamp;
      for (int i : seen.items(user)) {
        int j = Arrays.binarySearch(items, i);
        if (j >= 0) {
          marks[j] = stamp;
        }
      }
      sparse.reach(user, reach);
      int m = reach.count();
      int[] reachedIds = new int[m];
      float[] reachedScores = new float[m];
      int c = 0;
      for (int k = 0; k < m; k++) {
        int j = reach.position(k);
        if (outside[j] || marks[j] == stamp) {
          continue;
        }
        reachedIds[c] = items[j];
        reachedScores[c++] = reach.scoreOr(j, base[j]);
      }
      int[] best =
          TopScored.positions(Arrays.copyOf(reachedIds, c), Arrays.copyOf(reachedScores, c), depth);
      int[] rest = new int[depth];
      int r = 0;
      for (int q = 0; q < order.length && r < depth; q++) {
        int j = order[q];
        if (!reach.reached(j) && marks[j] != stamp) {
          rest[r++] = j;
        }
      }
      reach.clear();
      // Merge the two lists, each best first, by score and then smaller id.
      int[] top = new int[Math.min(depth, best.length + r)];
      int a = 0;
      int b = 0;
      for (int k = 0; k < top.length; k++) {
        boolean takeReached;
        if (a == best.length) {
          takeReached = false;
        } else if (b == r) {
          takeReached = true;
        } else {
          float sa = reachedScores[best[a]];
          float sb = base[rest[b]];
          takeReached = sa > sb || (sa == sb && reachedIds[best[a]] < items[rest[b]]);
        }
        top[k] = takeReached ? reachedIds[best[a++]] : items[rest[b++]];
      }
      return top;
    }
  }
}
