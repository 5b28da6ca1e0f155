package io.playloop.jobs.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.playloop.core.registry.ValidationScope;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.models.evaluation.EvalBatch;
import io.playloop.jobs.models.evaluation.Validation;
import io.playloop.jobs.models.evaluation.ValidationWindow;
import io.playloop.jobs.models.evaluation.WindowedValidation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The lake's training world as the rankers see it: train positives (user-blocks and the train
 * split), explicit negatives, and validation/test data for a sample of evaluation users.
 */
public final class LakeWorld {
  /** Beyond this many positives the history stays in Spark (no EASE, no driver popularity). */
  static final long MAX_DRIVER_POSITIVES = 3_000_000;

  private final Lake lake;
  private final TrainingWindow window;

  public LakeWorld(Lake lake) {
    this(lake, TrainingWindow.NONE);
  }

  /** The world as training sees it: user-blocks only inside {@code window}. */
  public LakeWorld(Lake lake, TrainingWindow window) {
    this.lake = lake;
    this.window = window;
    for (LakeTable d :
        List.of(LakeTable.TRIPLETS, LakeTable.POSITIVES_SPLITS, LakeTable.VAL_EVAL_BATCHES)) {
      if (!lake.exists(d)) {
        throw new IllegalArgumentException(
            "the lake at "
                + lake.root()
                + " has no "
                + d.path()
                + "; run generate or import (and extract) first");
      }
    }
  }

  /** Distinct (user_id, playlist_id) train positives. */
  public Dataset<Row> trainPositives() {
    Dataset<Row> fromBlocks =
        blocks().select(col("user_id"), col("playlist_id_positive").as("playlist_id"));
    if (window.days() > 0) {
      // Every train positive has its user-block, which carries the batch date the window needs.
      return fromBlocks.distinct();
    }
    Dataset<Row> fromSplit = split("train");
    return fromBlocks.unionByName(fromSplit).distinct();
  }

  /** The user-blocks inside the training window. */
  private Dataset<Row> blocks() {
    return lake.read(LakeTable.TRIPLETS).where(window.blocks());
  }

  /**
   * Every train positive once as a user-block: the blocks inside the window (one per positive, the
   * latest by event time when a positive has several), then train positives without a block.
   */
  private Dataset<Row> blocksOf(Dataset<Row> positives) {
    Dataset<Row> withBlock =
        blocks()
            .withColumn(
                "n",
                functions
                    .row_number()
                    .over(
                        org.apache.spark.sql.expressions.Window.partitionBy(
                                "user_id", "playlist_id_positive")
                            .orderBy(col("event_time").desc())))
            .where(col("n").equalTo(1))
            .select("user_id", "playlist_id_positive", "playlist_id_negative_list");
    Dataset<Row> without =
        TrainingInput.withoutNegatives(positives)
            .join(
                withBlock.select("user_id", "playlist_id_positive"),
                io.playloop.jobs.spark.JoinColumns.of("user_id", "playlist_id_positive"),
                "left_anti");
    return withBlock.unionByName(without);
  }

  /** The user-blocks' explicit negatives as (user_id, playlist_id). */
  public Dataset<Row> negatives() {
    return blocks()
        .select(col("user_id"), explode(col("playlist_id_negative_list")).as("playlist_id"))
        .distinct();
  }

  /** Positives of one split (train, val or test) as (user_id, playlist_id). */
  public Dataset<Row> split(String name) {
    return lake.read(LakeTable.POSITIVES_SPLITS)
        .where(col("split").equalTo(name))
        .select("user_id", "playlist_id");
  }

  /** Every playlist id of the catalog (or, without a catalog, of the positives). */
  public int[] catalog() {
    if (lake.exists(LakeTable.PLAYLISTS)) {
      return ints(lake.read(LakeTable.PLAYLISTS).select("playlist_id"));
    }
    return ints(trainPositives().select("playlist_id").distinct());
  }

  /** The table versions a model trains on, for the registry. */
  public Map<String, Long> versions() {
    return lake.versions(
        LakeTable.TRIPLETS,
        LakeTable.POSITIVES_SPLITS,
        LakeTable.VAL_EVAL_BATCHES,
        LakeTable.PLAYLISTS);
  }

  /** Training input; the history comes to the driver only when it is small. */
  public TrainingInput trainingInput() {
    return trainingInput(ProfileRecency.NONE);
  }

  /**
   * Training input whose positives weigh in their users' profiles by {@code recency} (when it is on
   * and the history fits on the driver).
   */
  public TrainingInput trainingInput(ProfileRecency recency) {
    Dataset<Row> positives = trainPositives().cache();
    long n = positives.count();
    long items = positives.select("playlist_id").distinct().count();
    UserHistory history = n <= MAX_DRIVER_POSITIVES ? history(positives) : null;
    ProfileWeights profile = recency.enabled() && history != null ? profileWeights(recency) : null;
    return new TrainingInput(
        lake.spark(), positives, negatives(), blocksOf(positives), history, items, profile);
  }

  /** A positive and the batch date it counts from in a profile. */
  public record DatedPositive(int user, int playlist, java.time.LocalDate batchDate) {}

  /**
   * Every positive of the lake, held-out ones too, each with its batch date (null when there are
   * more than the driver keeps, or no user-blocks to date them by). A train positive is dated by
   * its newest user-block (the oldest block's date without one, as in {@link #trainingInput}); a
   * val or test positive by the extraction that wrote it: the first batch whose user-blocks' latest
   * event is not before it (the newest batch when it is later than all).
   */
  public List<DatedPositive> datedPositives() {
    Dataset<Row> heldOut =
        lake.read(LakeTable.POSITIVES_SPLITS)
            .where(col("split").isin("val", "test"))
            .select("user_id", "playlist_id", "event_time");
    if (trainPositives().count() + heldOut.count() > MAX_DRIVER_POSITIVES) {
      return null;
    }
    List<Row> batches =
        lake.read(LakeTable.TRIPLETS)
            .groupBy("batch_date")
            .agg(functions.max(col("event_time")))
            .orderBy("batch_date")
            .collectAsList();
    if (batches.isEmpty()) {
      return null;
    }
    java.time.LocalDate[] dates = new java.time.LocalDate[batches.size()];
    java.sql.Timestamp[] until = new java.sql.Timestamp[batches.size()];
    for (int b = 0; b < dates.length; b++) {
      dates[b] = batches.get(b).getDate(0).toLocalDate();
      until[b] = batches.get(b).getTimestamp(1);
    }
    List<DatedPositive> out = new ArrayList<>();
    Map<Long, java.time.LocalDate> blockDates = blockDates();
    blockDates.forEach(
        (key, day) -> out.add(new DatedPositive((int) (key >>> 32), key.intValue(), day)));
    for (Row r : trainPositives().collectAsList()) {
      if (!blockDates.containsKey(ProfileWeights.key(r.getInt(0), r.getInt(1)))) {
        out.add(new DatedPositive(r.getInt(0), r.getInt(1), dates[0]));
      }
    }
    for (Row r : heldOut.collectAsList()) {
      java.sql.Timestamp t = r.getTimestamp(2);
      java.time.LocalDate day = dates[dates.length - 1];
      for (int b = 0; b < dates.length; b++) {
        if (t != null && until[b] != null && !until[b].before(t)) {
          day = dates[b];
          break;
        }
      }
      out.add(new DatedPositive(r.getInt(0), r.getInt(1), day));
    }
    return out;
  }

  /**
   * Each positive weighed by the latest batch date of its user-blocks; a train positive without a
   * block (the bootstrap's train split) weighs as the oldest block.
   */
  private ProfileWeights profileWeights(ProfileRecency recency) {
    Map<Long, Float> weights = new HashMap<>();
    java.time.LocalDate oldest = null;
    for (Map.Entry<Long, java.time.LocalDate> e : blockDates().entrySet()) {
      java.time.LocalDate day = e.getValue();
      weights.put(e.getKey(), recency.weight(day));
      oldest = oldest == null || day.isBefore(oldest) ? day : oldest;
    }
    float otherwise = oldest == null ? 1f : recency.weight(oldest);
    return new ProfileWeights(weights, otherwise, recency);
  }

  /**
   * The newest batch date of each positive's user-blocks in the window, by {@link
   * ProfileWeights#key}.
   */
  private Map<Long, java.time.LocalDate> blockDates() {
    Map<Long, java.time.LocalDate> dates = new HashMap<>();
    for (Row r :
        blocks()
            .groupBy("user_id", "playlist_id_positive")
            .agg(functions.max(col("batch_date")))
            .collectAsList()) {
      dates.put(ProfileWeights.key(r.getInt(0), r.getInt(1)), r.getDate(2).toLocalDate());
    }
    return dates;
  }

  /**
   * Evaluation data over at most {@code maxUsers} users (a reproducible hash sample of the users
   * with validation batches): the val split and val batches, or the test split.
   */
  public Validation evaluation(String splitName, int maxUsers, int[] catalog) {
    return evaluation(
        split(splitName),
        splitName.equals("val") ? lake.read(LakeTable.VAL_EVAL_BATCHES) : null,
        maxUsers,
        catalog);
  }

  /**
   * Validation data of {@code window}: the val positives (and their batches) whose event lies in
   * the window, or all of them when fewer than the window's minimum of users have any there; the
   * scope says which it was.
   */
  public WindowedValidation validation(ValidationWindow window, int maxUsers, int[] catalog) {
    Dataset<Row> val =
        lake.read(LakeTable.POSITIVES_SPLITS)
            .where(col("split").equalTo("val"))
            .select("user_id", "playlist_id", "event_time");
    Dataset<Row> batches = lake.read(LakeTable.VAL_EVAL_BATCHES);
    boolean fallback = false;
    Dataset<Row> recent = null;
    if (window.since() != null) {
      recent = val.where(window.recent()).cache();
      long recentUsers = recent.select("user_id").distinct().count();
      if (recentUsers >= window.minUsers()) {
        val = recent;
        // A batch belongs to the window when its positive does.
        batches =
            batches.join(
                recent.select(col("user_id"), col("playlist_id").as("playlist_id_positive")),
                io.playloop.jobs.spark.JoinColumns.of("user_id", "playlist_id_positive"),
                "left_semi");
      } else {
        fallback = true;
      }
    }
    Validation data = evaluation(val.select("user_id", "playlist_id"), batches, maxUsers, catalog);
    Set<Integer> users = new HashSet<>(data.relevant().keySet());
    for (EvalBatch b : data.batches()) {
      users.add(b.user());
    }
    Row span =
        val.where(col("user_id").isin(users.toArray()))
            .agg(
                functions.min(functions.to_date(col("event_time"))),
                functions.max(functions.to_date(col("event_time"))))
            .head();
    ValidationScope scope =
        new ValidationScope(
            window.since(),
            span.isNullAt(0) ? null : span.getDate(0).toLocalDate(),
            span.isNullAt(1) ? null : span.getDate(1).toLocalDate(),
            users.size(),
            fallback);
    if (recent != null) {
      recent.unpersist();
    }
    return new WindowedValidation(data, scope);
  }

  /** The sampled users' relevant positives and (when given) their batches. */
  private Validation evaluation(
      Dataset<Row> positives, Dataset<Row> batches, int maxUsers, int[] catalog) {
    Dataset<Row> candidates = positives.select("user_id");
    if (batches != null) {
      candidates = batches.select("user_id").unionByName(candidates);
    }
    Dataset<Row> users =
        candidates
            .distinct()
            .orderBy(functions.hash(col("user_id")), col("user_id"))
            .limit(maxUsers)
            .cache();
    UserHistory seen = history(trainPositives().join(users, "user_id"));
    Map<Integer, Set<Integer>> relevant = new HashMap<>();
    for (Row r : positives.join(users, "user_id").collectAsList()) {
      relevant.computeIfAbsent(r.getInt(0), u -> new HashSet<>()).add(r.getInt(1));
    }
    List<EvalBatch> evalBatches = new ArrayList<>();
    if (batches != null) {
      for (Row r :
          batches
              .join(users, "user_id")
              .select("user_id", "playlist_id_positive", "candidate_negatives")
              .collectAsList()) {
        List<Integer> negs = r.getList(2);
        evalBatches.add(
            new EvalBatch(
                r.getInt(0), r.getInt(1), negs.stream().mapToInt(Integer::intValue).toArray()));
      }
    }
    users.unpersist();
    return new Validation(seen, relevant, catalog, evalBatches);
  }

  static UserHistory history(Dataset<Row> pairs) {
    List<Row> rows = pairs.select("user_id", "playlist_id").collectAsList();
    int[] u = new int[rows.size()];
    int[] i = new int[rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      u[k] = rows.get(k).getInt(0);
      i[k] = rows.get(k).getInt(1);
    }
    return UserHistory.of(u, i);
  }

  private static int[] ints(Dataset<Row> oneColumn) {
    return oneColumn.collectAsList().stream().mapToInt(r -> r.getInt(0)).sorted().toArray();
  }
}
