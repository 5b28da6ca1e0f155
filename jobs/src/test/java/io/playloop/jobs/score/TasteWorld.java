package io.playloop.jobs.score;

import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A small lake world with real structure for model tests: users and playlists fall into taste
 * clusters, users like mostly (and mostly the popular) playlists of their own cluster, playlists
 * are owned by users of their cluster. Written through {@link Lake} in the lake's layout.
 */
public final class TasteWorld {
  final Map<Integer, Set<Integer>> train = new HashMap<>();
  final Map<Integer, Set<Integer>> val = new HashMap<>();
  final Map<Integer, Set<Integer>> test = new HashMap<>();
  final Map<Integer, Integer> owner = new HashMap<>();
  final Set<Integer> cold = new HashSet<>();
  final int users;
  final int playlists;

  private TasteWorld(int users, int playlists) {
    this.users = users;
    this.playlists = playlists;
  }

  public static TasteWorld write(Lake lake, int users, int playlists, int clusters, long seed) {
    TasteWorld w = new TasteWorld(users, playlists);
    Random r = new Random(seed);
    Map<Integer, List<Integer>> byCluster = new HashMap<>();
    Map<Integer, List<Integer>> usersByCluster = new HashMap<>();
    for (int u = 1; u <= users; u++) {
      usersByCluster.computeIfAbsent(u % clusters, c -> new ArrayList<>()).add(u);
      if (u % 20 == 0) {
        w.cold.add(u);
      }
    }
    List<Row> catalog = new ArrayList<>();
    for (int p = 1; p <= playlists; p++) {
      int c = p % clusters;
      byCluster.computeIfAbsent(c, x -> new ArrayList<>()).add(p);
      List<Integer> members = usersByCluster.get(c);
      int owner = members.get(r.nextInt(members.size()));
      w.owner.put(p, owner);
      catalog.add(RowFactory.create(p, owner, "playlist " + p, 10 + r.nextInt(40)));
    }
    List<Row> userRows = new ArrayList<>();
    List<Row> splits = new ArrayList<>();
    List<Row> blocks = new ArrayList<>();
    List<Row> batches = new ArrayList<>();
    Timestamp t = Timestamp.valueOf("2026-11-01 12:00:00");
    for (int u = 1; u <= users; u++) {
      userRows.add(RowFactory.create(u, w.cold.contains(u)));
      if (w.cold.contains(u)) {
        continue;
      }
      List<Integer> own = byCluster.get(u % clusters);
      Set<Integer> liked = new HashSet<>();
      while (liked.size() < 20) {
        int p;
        if (r.nextDouble() < 0.85) {
          // Skewed within the cluster: low positions are the cluster's hits.
          p = own.get((int) (own.size() * Math.pow(r.nextDouble(), 2)));
        } else {
          p = 1 + r.nextInt(playlists);
        }
        if (w.owner.get(p) != u) {
          liked.add(p);
        }
      }
      List<Integer> order = new ArrayList<>(liked);
      java.util.Collections.sort(order);
      java.util.Collections.shuffle(order, r);
      for (int i = 0; i < order.size(); i++) {
        int p = order.get(i);
        Map<Integer, Set<Integer>> target = i < 14 ? w.train : i < 18 ? w.val : w.test;
        target.computeIfAbsent(u, x -> new HashSet<>()).add(p);
        String split = i < 14 ? "train" : i < 18 ? "val" : "test";
        splits.add(RowFactory.create(u, p, t, split, "bootstrap"));
        if (split.equals("train")) {
          blocks.add(
              RowFactory.create(
                  u,
                  p,
                  negatives(r, liked, playlists, 4),
                  t,
                  "bootstrap",
                  Date.valueOf("2026-11-01")));
        }
      }
      int positive = w.val.get(u).iterator().next();
      batches.add(RowFactory.create(u, positive, negatives(r, liked, playlists, 50)));
    }
    var spark = lake.spark();
    lake.overwrite(
        LakeTable.PLAYLISTS, spark.createDataFrame(catalog, LakeTable.PLAYLISTS.schema()));
    lake.overwrite(LakeTable.USERS, spark.createDataFrame(userRows, LakeTable.USERS.schema()));
    lake.overwrite(
        LakeTable.POSITIVES_SPLITS,
        spark.createDataFrame(splits, LakeTable.POSITIVES_SPLITS.schema()));
    lake.overwrite(LakeTable.TRIPLETS, spark.createDataFrame(blocks, LakeTable.TRIPLETS.schema()));
    lake.overwrite(
        LakeTable.VAL_EVAL_BATCHES,
        spark.createDataFrame(batches, LakeTable.VAL_EVAL_BATCHES.schema()));
    return w;
  }

  private static Integer[] negatives(Random r, Set<Integer> liked, int playlists, int n) {
    Set<Integer> out = new java.util.LinkedHashSet<>();
    while (out.size() < n) {
      int p = 1 + r.nextInt(playlists);
      if (!liked.contains(p)) {
        out.add(p);
      }
    }
    return out.toArray(Integer[]::new);
  }

  /** Playlists owned by {@code user}. */
  Set<Integer> ownedBy(int user) {
    Set<Integer> out = new HashSet<>();
    owner.forEach(
        (p, o) -> {
          if (o == user) {
            out.add(p);
          }
        });
    return out;
  }
}
