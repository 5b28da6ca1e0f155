package io.playloop.jobs.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TopScored;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Top-N per user in Spark: the model is broadcast, each row (user_id, candidates, excluded) is
 * scored over its candidates (or over the model's whole catalog when candidates is null), minus the
 * excluded playlists.
 */
public final class BatchScorer {
  /** Output schema: the lake's recommendations table. */
  public static final StructType OUTPUT =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("playlists", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("scores", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private BatchScorer() {}

  public static Dataset<Row> topN(Dataset<Row> users, Model model, int n) {
    return topN(users, model, n, new int[0]);
  }

  /**
   * Like {@link #topN(Dataset, Model, int)}; a user whose candidates leave fewer than n that the
   * model can rank, after the exclusions, gets {@code fill} (e.g. popular playlists) added to the
   * candidates, so that every list has n playlists where the catalog allows.
   */
  public static Dataset<Row> topN(Dataset<Row> users, Model model, int n, int[] fill) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(users.sparkSession().sparkContext());
    Broadcast<Model> shared = jsc.broadcast(model);
    Broadcast<int[]> sharedFill = jsc.broadcast(fill);
    MapPartitionsFunction<Row, Row> score =
        rows -> new Scoring(rows, shared.value(), n, sharedFill.value());
    return users
        .select("user_id", "candidates", "excluded")
        .mapPartitions(score, Encoders.row(OUTPUT))
        .filter(size(col("playlists")).gt(0));
  }

  /** Scores one partition lazily, row by row. */
  private static final class Scoring implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Model model;
    private final int n;
    private final int[] fill;
    private int[] catalog;

    Scoring(Iterator<Row> rows, Model model, int n, int[] fill) {
      this.rows = rows;
      this.model = model;
      this.n = n;
      this.fill = fill;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Row next() {
      Row r = rows.next();
      int user = r.getInt(0);
      int[] candidates;
      if (r.isNullAt(1)) {
        if (catalog == null) {
          catalog = model.items();
        }
        candidates = catalog;
      } else {
        candidates = ints(r.getList(1));
      }
      Set<Integer> excluded = new HashSet<>();
      if (!r.isNullAt(2)) {
        excluded.addAll(r.getList(2));
      }
      Set<Integer> kept = new LinkedHashSet<>(candidates.length);
      for (int c : candidates) {
        if (!excluded.contains(c)) {
          kept.add(c);
        }
      }
      int[] ids = kept.stream().mapToInt(Integer::intValue).toArray();
      float[] scores = model.score(user, ids);
      // Candidates the model cannot rank (playlists nobody has liked yet score -infinity) do not
      // count towards the n: the fill tops up what is rankable, not what was listed.
      int missing = n - rankable(scores);
      int listed = ids.length;
      for (int i = 0; missing > 0 && i < fill.length; i++) {
        if (!excluded.contains(fill[i]) && kept.add(fill[i])) {
          missing--;
        }
      }
      if (kept.size() > listed) {
        int[] added = kept.stream().skip(listed).mapToInt(Integer::intValue).toArray();
        float[] addedScores = model.score(user, added);
        ids = Arrays.copyOf(ids, listed + added.length);
        scores = Arrays.copyOf(scores, listed + added.length);
        System.arraycopy(added, 0, ids, listed, added.length);
        System.arraycopy(addedScores, 0, scores, listed, added.length);
      }
      int[] top = TopScored.positions(ids, scores, n);
      Integer[] playlists = new Integer[top.length];
      Float[] s = new Float[top.length];
      for (int i = 0; i < top.length; i++) {
        playlists[i] = ids[top[i]];
        s[i] = scores[top[i]];
      }
      return RowFactory.create(user, playlists, s);
    }

    /** How many of the scores a list can use. */
    private static int rankable(float[] scores) {
      int count = 0;
      for (float s : scores) {
        if (TopScored.rankable(s)) {
          count++;
        }
      }
      return count;
    }

    private static int[] ints(List<Integer> list) {
      return list.stream().mapToInt(Integer::intValue).toArray();
    }
  }
}
