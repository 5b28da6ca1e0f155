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
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.playloop.core.db.Database;
import io.playloop.core.db.PipelineRuns;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.OptionSpec;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.quality.BlockChecks;
import io.playloop.jobs.spark.JdbcTables;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The extract job: new feedback from PostgreSQL into the lake as user-blocks and splits, exactly
 * once. The watermark (highest extracted feedback id) is committed in pipeline_runs only after the
 * lake's appends are committed; each append carries the same id as its Delta txnVersion, so a run
 * interrupted anywhere is finished by the next one without duplicates. Also applies retention.
 */
public final class ExtractJob implements Job {
  /** The Delta txnAppId of extract's appends. */
  public static final String APP_ID = "playloop-extract";

  static final String CRASH_PROPERTY = "playloop.extract.crashAfter";

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
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("batch-date", "the batch_date of the extracted blocks", "today, UTC"),
        OptionSpec.of("negatives", "negatives per positive (shown ones first, then sampled)", 4),
        OptionSpec.of("val-negatives", "negatives per validation batch", 50),
        OptionSpec.of("seed", "seed of the negative sampling", 7),
        OptionSpec.of(
            "retention-days",
            "user-blocks older than this are deleted (playloop.pipeline.retention-days)",
            null),
        OptionSpec.of("keep-bootstrap", "never age out the bootstrap data", true));
  }

  @Override
  public JobResult run(JobContext context) {
    SparkSession spark = context.spark();
    Lake lake = context.lake();
    LocalDate batchDate =
        context
            .options()
            .get("batch-date")
            .map(LocalDate::parse)
            .orElse(LocalDate.now(ZoneOffset.UTC));
    int negatives = context.options().getInt("negatives", 4);
    int valNegatives = context.options().getInt("val-negatives", 50);
    long seed = context.options().getLong("seed", 7);
    int retentionDays =
        context
            .options()
            .getInt("retention-days", context.config().raw().getInt("pipeline.retention-days"));
    boolean keepBootstrap = context.options().getBoolean("keep-bootstrap", true);
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
              "(SELECT id, user_id, like_playlist, other_playlists, created_at FROM feedback"
                  + " WHERE id > "
                  + range.fromExclusive()
                  + " AND id <= "
                  + range.toInclusive()
                  + ") AS new_feedback");
      Extraction extraction =
          extract(lake, feedback, range, batchDate, negatives, valNegatives, seed);
      rowsIn = extraction.feedbackRows();
      blocksOut = extraction.blocks();
      details.putAll(extraction.invalidByReason());
      details.put("merged_repeats", extraction.mergedRepeats());
    }
    long removed = applyRetention(lake, batchDate, retentionDays, keepBootstrap);
    details.put("retention_cutoff", batchDate.minusDays(retentionDays).toString());
    return new JobResult(
        rowsIn,
        blocksOut,
        String.format(
            "extract: feedback ids (%d, %d]%s -> %d user-blocks in batch %s; invalid %s;"
                + " retention removed %d user-blocks",
            range.fromExclusive(),
            range.toInclusive(),
            range.resumed() ? " (finishing an interrupted run)" : "",
            blocksOut,
            batchDate,
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
   * The ids to extract: after the committed watermark, up to the newest feedback, unless the lake
   * already holds appends of a later, uncommitted run: then exactly that run's range again.
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
    try (Connection c = Database.connect(context.db());
        ResultSet rs =
            c.createStatement().executeQuery("SELECT COALESCE(MAX(id), 0) FROM feedback")) {
      rs.next();
      return new ExtractRange(committed, Math.max(committed, rs.getLong(1)), false);
    } catch (SQLException e) {
      throw Database.unavailable(context.db(), e);
    }
  }

  /** The id range of one extraction. */
  record ExtractRange(long fromExclusive, long toInclusive, boolean resumed) {}

  /** What one extraction wrote and kept out. */
  record Extraction(
      long feedbackRows, long blocks, Map<String, Long> invalidByReason, long mergedRepeats) {}

  private static Extraction extract(
      Lake lake,
      Dataset<Row> feedback,
      ExtractRange range,
      LocalDate batchDate,
      int negatives,
      int valNegatives,
      long seed) {
    SparkSession spark = lake.spark();
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

    // Blocks of the same (user, positive) within the range become one block.
    Dataset<Row> merged =
        flagged
            .where(col("kept_out").equalTo(false))
            .groupBy(col("user_id"), col("like_playlist").as("positive"))
            .agg(
                array_distinct(flatten(collect_list("other_playlists"))).as("shown"),
                min("created_at").as("event_time"),
                count(lit(1)).as("feedbacks"))
            .cache();
    // A pair the lake already has is a repeat of an earlier block: counted and kept out.
    Dataset<Row> blocks =
        merged.join(knownPositives, new String[] {"user_id", "positive"}, "left_anti").cache();

    Map<String, Long> reasons = new LinkedHashMap<>();
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
    spark.udf().register(topUp, new NegativeSampler(catalogIds, negatives, seed), arrayOfInt);
    spark
        .udf()
        .register(valSample, new NegativeSampler(catalogIds, valNegatives, seed + 1), arrayOfInt);

    Dataset<Row> split =
        blocks
            .join(excluded, new String[] {"user_id"}, "inner")
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy("user_id").orderBy(col("event_time"), col("positive"))))
            .withColumn("n", count(lit(1)).over(Window.partitionBy("user_id")))
            .withColumn("fraction", col("rank").minus(1).divide(col("n")))
            .withColumn(
                "split",
                when(col("fraction").lt(0.7), lit("train"))
                    .when(col("fraction").lt(0.9), lit("val"))
                    .otherwise(lit("test")))
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
                        array_except(col("shown"), col("excluded")),
                        col("excluded"))
                    .as("playlist_id_negative_list"),
                col("event_time"),
                lit("feedback").as("source"),
                lit(batch).as("batch_date"));
    Dataset<Row> positives =
        split.select(
            col("user_id"), col("positive").as("playlist_id"), col("event_time"), col("split"));
    Dataset<Row> valBatches =
        split
            .where(col("split").equalTo("val"))
            .select(
                col("user_id"),
                col("positive").as("playlist_id_positive"),
                call_udf(
                        valSample,
                        col("user_id"),
                        col("positive"),
                        array().cast("array<int>"),
                        col("excluded"))
                    .as("candidate_negatives"));

    long blockCount = split.where(col("split").equalTo("train")).count();
    lake.appendOnce(LakeTable.TRIPLETS, triplets, APP_ID, range.toInclusive());
    crashPoint("triplets");
    lake.appendOnce(LakeTable.POSITIVES_SPLITS, positives, APP_ID, range.toInclusive());
    lake.appendOnce(LakeTable.VAL_EVAL_BATCHES, valBatches, APP_ID, range.toInclusive());
    crashPoint("lake-write");
    feedback.unpersist();
    flagged.unpersist();
    merged.unpersist();
    blocks.unpersist();
    split.unpersist();
    return new Extraction(feedbackRows, blockCount, reasons, mergedRepeats);
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
    double keepHours = retentionDays * 24.0;
    lake.deleteAndVacuum(LakeTable.TRIPLETS, predicate, keepHours);
    if (!keepBootstrap && lake.exists(LakeTable.POSITIVES_SPLITS)) {
      lake.deleteAndVacuum(
          LakeTable.POSITIVES_SPLITS, "event_time < TIMESTAMP'" + cutoff + " 00:00:00'", keepHours);
    }
    return removed;
  }

  /** Test hook: a crash at a named point, to prove reruns finish interrupted work. */
  private static void crashPoint(String point) {
    if (point.equals(System.getProperty(CRASH_PROPERTY))) {
      throw new SimulatedCrash("simulated crash after " + point);
    }
  }

  /** Thrown by the crash test hook. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String message) {
      super(message);
    }
  }
}
