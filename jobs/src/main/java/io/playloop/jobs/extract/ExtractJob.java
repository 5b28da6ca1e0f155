package io.playloop.jobs.extract;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.when;

import io.playloop.core.db.PipelineRuns;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.BootstrapData;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.lake.SplitRule;
import io.playloop.jobs.quality.BlockChecks;
import io.playloop.jobs.spark.JdbcTables;
import io.playloop.jobs.spark.JobPhase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The extract job: new feedback from PostgreSQL into the lake as user-blocks and splits, exactly
 * once. The range ends below any feedback id that is not committed yet ({@link FeedbackRange}). The
 * watermark (highest extracted feedback id) is committed in pipeline_runs only after the lake's
 * appends are committed; each append carries the same id as its Delta txnVersion, so a run
 * interrupted anywhere is finished by the next one without duplicates. Positives are split by the
 * lake's {@link SplitRule}. Also applies retention.
 */
public final class ExtractJob implements Job<ExtractSettings> {
  /** The Delta txnAppId of extract's appends. */
  public static final String APP_ID = "playloop-extract";

  /** The shortest retention: VACUUM keeps deleted files this long for readers still running. */
  static final int MIN_RETENTION_DAYS = (int) (Lake.MIN_VACUUM_HOURS / 24);

  /** How far before its feedback an impression is looked for. */
  private static final String IMPRESSION_LOOKBACK = "1 day";

  private final StepHook hook;

  public ExtractJob() {
    this(StepHook.NONE);
  }

  /** An extract that calls {@code hook} after each durable step. */
  ExtractJob(StepHook hook) {
    this.hook = hook;
  }

  @Override
  public String sharedTables() {
    return LakeTable.USER_BLOCK_TABLES;
  }

  @Override
  public String name() {
    return "extract";
  }

  @Override
  public String description() {
    return "new feedback into the lake as validated user-blocks and splits (exactly once),"
        + " then retention";
  }

  @Override
  public JobCommand<ExtractSettings> command() {
    return new ExtractOptions();
  }

  @Override
  public JobResult run(JobContext context, ExtractSettings s) {
    LocalDate batchDate = s.batchDate();
    int negatives = s.negatives();
    int valNegatives = s.valNegatives();
    long seed = s.seed();
    int retentionDays = s.retentionDays();
    boolean keepBootstrap = s.keepBootstrap();
    SparkSession spark = context.spark();
    Lake lake = context.lake();
    if (!lake.exists(LakeTable.PLAYLISTS)) {
      throw new IllegalStateException(
          "the lake at " + lake.root() + " has no catalog: run generate or import first");
    }

    ExtractRange range = range(context);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from_id_exclusive", range.fromExclusive());
    details.put("to_id_inclusive", range.toInclusive());
    details.put("resumed", range.resumed());
    long rowsIn = 0;
    long blocksOut = 0;
    if (range.toInclusive() > range.fromExclusive()) {
      Dataset<Row> feedback =
          JdbcTables.read(
              spark,
              context.db(),
              "(SELECT id, user_id, like_playlist, other_playlists, request_id, created_at"
                  + " FROM feedback WHERE "
                  + range.sqlPredicate()
                  + ") AS new_feedback");
      Dataset<Row> impressions =
          JdbcTables.read(spark, context.db(), impressionsQuery(range) + " AS shown");
      Extraction extraction =
          extract(lake, feedback, impressions, range, batchDate, negatives, valNegatives, seed);
      rowsIn = extraction.feedbackRows();
      blocksOut = extraction.blocks();
      details.putAll(extraction.invalidByReason());
      details.put("merged_repeats", extraction.mergedRepeats());
      details.put("positives_by_split", extraction.positivesBySplit());
    } else {
      details.put("positives_by_split", Extraction.noPositives());
    }
    JobPhase.begin(spark, "extract: retention");
    long removed = applyRetention(lake, batchDate, retentionDays, keepBootstrap);
    details.put("retention_cutoff", batchDate.minusDays(retentionDays).toString());
    return new JobResult(
        rowsIn,
        blocksOut,
        String.format(
            "extract: feedback ids (%d, %d]%s -> %d user-blocks in batch %s; positives by split"
                + " %s; invalid %s; retention removed %d user-blocks",
            range.fromExclusive(),
            range.toInclusive(),
            range.resumed() ? " (finishing an interrupted run)" : "",
            blocksOut,
            batchDate,
            details.get("positives_by_split"),
            details.entrySet().stream()
                .filter(
                    e ->
                        BlockChecks.REASONS.contains(e.getKey())
                            || e.getKey().equals(UNKNOWN_PLAYLIST))
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList(),
            removed),
        String.valueOf(range.toInclusive()),
        details);
  }

  /** A playlist the catalog does not know. */
  public static final String UNKNOWN_PLAYLIST = "unknown_playlist";

  private static final List<LakeTable> OUTPUTS =
      List.of(LakeTable.TRIPLETS, LakeTable.POSITIVES_SPLITS, LakeTable.VAL_EVAL_BATCHES);

  /**
   * The retention, checked: user-blocks the training window still reads must not be deleted, and
   * VACUUM must keep deleted files long enough for readers that are still running.
   */
  static int retentionDays(int retentionDays, int windowDays) {
    int floor = Math.max(MIN_RETENTION_DAYS, windowDays);
    if (retentionDays < floor) {
      throw new UsageException(
          "--retention-days must be at least "
              + floor
              + " (the training window, playloop.pipeline.window-days, is "
              + windowDays
              + " days; VACUUM keeps at least "
              + MIN_RETENTION_DAYS
              + "), got "
              + retentionDays);
    }
    return retentionDays;
  }

  /**
   * The ids to extract: after the committed watermark, up to the newest committed feedback, unless
   * the lake already holds appends of a later, uncommitted run: then exactly that run's range
   * again.
   */
  static ExtractRange range(JobContext context) {
    String mark = new PipelineRuns(context.db()).lastWatermark("extract");
    long committed = mark == null ? 0 : Long.parseLong(mark);
    long inLake = 0;
    for (LakeTable d : OUTPUTS) {
      Lake.AppendMark m = context.lake().lastAppend(d, APP_ID);
      if (m != null) {
        inLake = Math.max(inLake, m.appVersion());
      }
    }
    if (inLake > committed) {
      return new ExtractRange(committed, inLake, true);
    }
    long upTo = FeedbackRange.committedUpTo(context.db(), committed, FeedbackRange.LOCK_WAIT);
    return new ExtractRange(committed, upTo, false);
  }

  /** The id range of one extraction. */
  record ExtractRange(long fromExclusive, long toInclusive, boolean resumed) {
    String sqlPredicate() {
      return "id > " + fromExclusive + " AND id <= " + toInclusive;
    }
  }

  /**
   * What the range's feedback was served: the impressions of its requests, looked for from a day
   * before its first like to an hour after its last (impressions are written asynchronously).
   */
  private static String impressionsQuery(ExtractRange range) {
    String likes = "FROM feedback WHERE " + range.sqlPredicate();
    return "(SELECT request_id, user_id, playlists FROM impressions"
        + " WHERE served_at >= (SELECT min(created_at) "
        + likes
        + ") - interval '"
        + IMPRESSION_LOOKBACK
        + "' AND served_at <= (SELECT max(created_at) "
        + likes
        + ") + interval '1 hour'"
        + " AND request_id IN (SELECT request_id "
        + likes
        + " AND request_id IS NOT NULL))";
  }

  /** What one extraction wrote and kept out. */
  record Extraction(
      long feedbackRows,
      long blocks,
      Map<String, Long> invalidByReason,
      long mergedRepeats,
      Map<String, Long> positivesBySplit) {
    static Map<String, Long> noPositives() {
      Map<String, Long> none = new LinkedHashMap<>();
      for (SplitRule.Split s : SplitRule.Split.values()) {
        none.put(s.label(), 0L);
      }
      return none;
    }
  }

  private Extraction extract(
      Lake lake,
      Dataset<Row> feedback,
      Dataset<Row> impressions,
      ExtractRange range,
      LocalDate batchDate,
      int negatives,
      int valNegatives,
      long seed) {
    SparkSession spark = lake.spark();
    JobPhase.begin(
        spark, "extract: feedback ids " + range.fromExclusive() + " to " + range.toInclusive());
    feedback = feedback.cache();
    long feedbackRows = feedback.count();

    // The lake as it was before this range's appends (a resumed run must not see its own rows).
    Dataset<Row> knownPositives =
        before(lake, LakeTable.POSITIVES_SPLITS, range)
            .select(col("user_id"), col("playlist_id").as("positive"));
    Dataset<Row> catalog = lake.read(LakeTable.PLAYLISTS);
    int[] catalogIds =
        catalog
            .select("playlist_id")
            .as(org.apache.spark.sql.Encoders.INT())
            .collectAsList()
            .stream()
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();

    Dataset<Row> flagged =
        BlockChecks.flag(feedback, "user_id", "like_playlist", "other_playlists", "id")
            .join(
                catalog.select(col("playlist_id").as("like_playlist"), lit(true).as("known")),
                new String[] {"like_playlist"},
                "left")
            .withColumn(UNKNOWN_PLAYLIST, col("known").isNull())
            .withColumn(
                "kept_out",
                col(BlockChecks.EMPTY_NEGATIVES)
                    .or(col(BlockChecks.DUPLICATE_NEGATIVES))
                    .or(col(BlockChecks.POSITIVE_IN_NEGATIVES))
                    .or(col(UNKNOWN_PLAYLIST)))
            .cache();

    // What each like's request served, beside the other playlists the like itself names.
    Dataset<Row> kept = flagged.where(col("kept_out").equalTo(false));
    Dataset<Row> impressed =
        kept.select(col("user_id"), col("like_playlist"), col("request_id"))
            .join(impressions, new String[] {"request_id", "user_id"}, "inner")
            .groupBy(col("user_id"), col("like_playlist").as("positive"))
            .agg(flatten(collect_list("playlists")).as("impressed"));
    // Blocks of the same (user, positive) within the range become one block.
    Dataset<Row> merged =
        kept.groupBy(col("user_id"), col("like_playlist").as("positive"))
            .agg(
                flatten(collect_list("other_playlists")).as("named"),
                min("created_at").as("event_time"),
                count(lit(1)).as("feedbacks"))
            .join(impressed, new String[] {"user_id", "positive"}, "left")
            .withColumn(
                "shown",
                array_distinct(
                    concat(col("named"), coalesce(col("impressed"), array().cast("array<int>")))))
            .drop("named", "impressed")
            .cache();
    // A pair the lake already has is a repeat of an earlier block: counted and kept out.
    Dataset<Row> blocks =
        merged.join(knownPositives, new String[] {"user_id", "positive"}, "left_anti").cache();

    Map<String, Long> reasons = new LinkedHashMap<>();
    JobPhase.begin(spark, "extract: checks and merged user-blocks");
    Row counts =
        flagged
            .agg(
                count(when(col("kept_out").and(col(BlockChecks.EMPTY_NEGATIVES)), 1)),
                count(when(col("kept_out").and(col(BlockChecks.DUPLICATE_NEGATIVES)), 1)),
                count(when(col("kept_out").and(col(BlockChecks.POSITIVE_IN_NEGATIVES)), 1)),
                count(when(col(UNKNOWN_PLAYLIST), 1)))
            .head();
    reasons.put(BlockChecks.EMPTY_NEGATIVES, counts.getLong(0));
    reasons.put(BlockChecks.DUPLICATE_NEGATIVES, counts.getLong(1));
    reasons.put(BlockChecks.POSITIVE_IN_NEGATIVES, counts.getLong(2));
    reasons.put(UNKNOWN_PLAYLIST, counts.getLong(3));
    reasons.put(BlockChecks.DUPLICATE_PAIR, merged.count() - blocks.count());
    Row repeated = blocks.agg(org.apache.spark.sql.functions.sum(col("feedbacks").minus(1))).head();
    long mergedRepeats = repeated.isNullAt(0) ? 0 : repeated.getLong(0);

    // What a user's negatives may never be: their positives (old and new) and what they own;
    // needed only for the users of this range's blocks, not for everyone in the lake.
    Dataset<Row> excluded =
        knownPositives
            .join(blocks.select("user_id").distinct(), new String[] {"user_id"}, "left_semi")
            .unionByName(blocks.select("user_id", "positive"))
            .groupBy("user_id")
            .agg(collect_set("positive").as("positives"))
            .join(
                catalog
                    .where(col("owner_user_id").isNotNull())
                    .groupBy(col("owner_user_id").as("user_id"))
                    .agg(collect_set("playlist_id").as("owned")),
                new String[] {"user_id"},
                "left")
            .select(
                col("user_id"),
                concat(col("positives"), coalesce(col("owned"), array().cast("array<int>")))
                    .as("excluded"));

    String topUp = "playloop_extract_negatives_" + negatives;
    String valSample = "playloop_extract_val_negatives_" + valNegatives;
    var arrayOfInt = DataTypes.createArrayType(DataTypes.IntegerType);
    spark.udf().register(topUp, new NegativeTopUp(catalogIds, negatives, seed), arrayOfInt);
    spark
        .udf()
        .register(valSample, new NegativeTopUp(catalogIds, valNegatives, seed + 1), arrayOfInt);

    Dataset<Row> split =
        blocks
            .join(excluded, new String[] {"user_id"}, "inner")
            .withColumn("split", SplitRule.column(col("user_id"), col("positive")))
            // Shown and not liked: the negatives that come first, never a positive or owned one.
            .withColumn("shown_not_liked", array_except(col("shown"), col("excluded")))
            .cache();

    Date batch = Date.valueOf(batchDate);
    Dataset<Row> triplets =
        split
            .where(col("split").equalTo("train"))
            .select(
                col("user_id"),
                col("positive").as("playlist_id_positive"),
                call_udf(
                        topUp,
                        col("user_id"),
                        col("positive"),
                        col("shown_not_liked"),
                        col("excluded"))
                    .as("playlist_id_negative_list"),
                col("event_time"),
                lit(BootstrapData.FEEDBACK).as("source"),
                lit(batch).as("batch_date"));
    Dataset<Row> positives =
        split.select(
            col("user_id"),
            col("positive").as("playlist_id"),
            col("event_time"),
            col("split"),
            lit(BootstrapData.FEEDBACK).as("source"));
    // A validation batch ranks the positive among what the user passed over, then random ones.
    Dataset<Row> valBatches =
        split
            .where(col("split").equalTo(SplitRule.Split.VAL.label()))
            .select(
                col("user_id"),
                col("positive").as("playlist_id_positive"),
                slice(
                        call_udf(
                            valSample,
                            col("user_id"),
                            col("positive"),
                            col("shown_not_liked"),
                            col("excluded")),
                        1,
                        valNegatives)
                    .as("candidate_negatives"));

    JobPhase.begin(spark, "extract: splits and negatives");
    Map<String, Long> bySplit = Extraction.noPositives();
    for (Row r : split.groupBy("split").count().collectAsList()) {
      bySplit.put(r.getString(0), r.getLong(1));
    }
    long blockCount = bySplit.get(SplitRule.Split.TRAIN.label());
    JobPhase.begin(spark, "extract: appending to the lake");
    lake.appendOnce(LakeTable.TRIPLETS, triplets, APP_ID, range.toInclusive());
    hook.after("triplets");
    lake.appendOnce(LakeTable.POSITIVES_SPLITS, positives, APP_ID, range.toInclusive());
    lake.appendOnce(LakeTable.VAL_EVAL_BATCHES, valBatches, APP_ID, range.toInclusive());
    hook.after("lake-write");
    feedback.unpersist();
    flagged.unpersist();
    merged.unpersist();
    blocks.unpersist();
    split.unpersist();
    return new Extraction(feedbackRows, blockCount, reasons, mergedRepeats, bySplit);
  }

  /** The table before this range's own append, or as it is now when the range has none there. */
  private static Dataset<Row> before(Lake lake, LakeTable dataset, ExtractRange range) {
    if (!lake.exists(dataset)) {
      return lake.spark().createDataFrame(List.of(), dataset.schema());
    }
    Lake.AppendMark mark = lake.lastAppend(dataset, APP_ID);
    // Pinned to a version: a path read would see this run's own appends once they commit.
    long version =
        mark != null && mark.appVersion() == range.toInclusive()
            ? mark.tableVersion() - 1
            : lake.version(dataset);
    return lake.readVersion(dataset.path(), version);
  }

  /** Deletes user-blocks and positives older than the retention, then VACUUMs their files. */
  static long applyRetention(Lake lake, LocalDate today, int retentionDays, boolean keepBootstrap) {
    LocalDate cutoff = today.minusDays(retentionDays);
    if (!lake.exists(LakeTable.TRIPLETS)) {
      return 0;
    }
    String predicate =
        "batch_date < DATE'" + cutoff + "'" + (keepBootstrap ? " AND source = 'feedback'" : "");
    long removed = lake.read(LakeTable.TRIPLETS).where(predicate).count();
    if (removed == 0) {
      return 0; // nothing aged out: spare the DELETE and the VACUUM's file listing
    }
    double keepHours = Math.max(retentionDays * 24.0, Lake.MIN_VACUUM_HOURS);
    lake.deleteAndVacuum(LakeTable.TRIPLETS, predicate, keepHours);
    if (!keepBootstrap && lake.exists(LakeTable.POSITIVES_SPLITS)) {
      lake.deleteAndVacuum(
          LakeTable.POSITIVES_SPLITS, "event_time < TIMESTAMP'" + cutoff + " 00:00:00'", keepHours);
    }
    return removed;
  }
}
