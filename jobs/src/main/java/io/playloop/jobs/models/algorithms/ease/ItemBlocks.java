package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.linalg.CsrMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/**
 * Cuts a catalog into blocks of items that are liked together, for blocked EASE: each item is a
 * target of exactly one block, and each block also reads from a halo of the outside items most tied
 * to it, so that ties across a cut still count as evidence.
 *
 * <p>A block grows greedily over the item graph: it starts at the most liked item not yet placed
 * and takes, one at a time, the unplaced item with the largest sum of edge weights to the block's
 * items; when nothing unplaced is tied to it, it goes on from the next most liked item. Time
 * O(edges x log edges) over all blocks; memory O(items + edges).
 */
final class ItemBlocks {
  private ItemBlocks() {}

  /**
   * One block, as item indexes.
   *
   * @param targets the items whose incoming weights this block fits, ascending
   * @param features the items it fits them from: the targets first, then the halo
   */
  record Block(int[] targets, int[] features) {}

  private record Candidate(double pull, int item) {}

  /**
   * @param graph item x item edge weights (a row's entries are that item's neighbours); read in
   *     both directions
   * @param likes how many users liked each item: where blocks start
   * @param targets items a block targets (the last block may have fewer)
   * @param halo outside items a block also reads from, at most
   */
  static List<Block> partition(CsrMatrix graph, double[] likes, int targets, int halo) {
    int n = graph.rows();
    if (graph.cols() != n || likes.length != n) {
      throw new IllegalArgumentException("the item graph must be square over the liked items");
    }
    if (targets < 1 || halo < 0) {
      throw new IllegalArgumentException("a block needs at least one target and a halo >= 0");
    }
    CsrMatrix back = graph.transpose();
    int[] byLikes =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -likes[i]).thenComparingInt(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    int[] blockOf = new int[n];
    Arrays.fill(blockOf, -1);
    double[] pull = new double[n];
    int[] touched = new int[n];
    List<Block> blocks = new ArrayList<>();
    int nextSeed = 0;
    int placed = 0;
    PriorityQueue<Candidate> frontier =
        new PriorityQueue<>(
            Comparator.comparingDouble((Candidate c) -> -c.pull())
                .thenComparingInt(Candidate::item));
    while (placed < n) {
      int block = blocks.size();
      int[] members = new int[Math.min(targets, n - placed)];
      int size = 0;
      int touchedCount = 0;
      frontier.clear();
      while (size < members.length) {
        int next = -1;
        while (!frontier.isEmpty()) {
          Candidate c = frontier.poll();
          // Entries whose pull has grown since are stale: a later entry carries the new pull.
          if (blockOf[c.item()] < 0 && c.pull() == pull[c.item()]) {
            next = c.item();
            break;
          }
        }
        if (next < 0) {
          while (blockOf[byLikes[nextSeed]] >= 0) {
            nextSeed++;
          }
          next = byLikes[nextSeed];
        }
        blockOf[next] = block;
        members[size++] = next;
        placed++;
        for (CsrMatrix edges : new CsrMatrix[] {graph, back}) {
          for (int p = edges.start(next); p < edges.end(next); p++) {
            int y = edges.index(p);
            if (blockOf[y] < 0) {
              if (pull[y] == 0) {
                touched[touchedCount++] = y;
              }
              pull[y] += edges.value(p);
              frontier.add(new Candidate(pull[y], y));
            }
          }
        }
      }
      for (int t = 0; t < touchedCount; t++) {
        pull[touched[t]] = 0;
      }
      Arrays.sort(members);
      blocks.add(new Block(members, withHalo(members, block, blockOf, graph, back, halo, pull)));
    }
    return blocks;
  }

  /** The targets followed by the {@code halo} outside items with the most weight to them. */
  private static int[] withHalo(
      int[] members,
      int block,
      int[] blockOf,
      CsrMatrix graph,
      CsrMatrix back,
      int halo,
      double[] pull) {
    if (halo == 0) {
      return members.clone();
    }
    List<Integer> outside = new ArrayList<>();
    for (int m : members) {
      for (CsrMatrix edges : new CsrMatrix[] {graph, back}) {
        for (int p = edges.start(m); p < edges.end(m); p++) {
          int y = edges.index(p);
          if (blockOf[y] != block) {
            if (pull[y] == 0) {
              outside.add(y);
            }
            pull[y] += edges.value(p);
          }
        }
      }
    }
    int[] chosen =
        outside.stream()
            .sorted(Comparator.comparingDouble((Integer y) -> -pull[y]).thenComparingInt(y -> y))
            .limit(halo)
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    for (int y : outside) {
      pull[y] = 0;
    }
    int[] features = Arrays.copyOf(members, members.length + chosen.length);
    System.arraycopy(chosen, 0, features, members.length, chosen.length);
    return features;
  }
}
