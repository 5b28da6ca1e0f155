package io.playloop.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.catalog.CatalogSync;
import io.playloop.jobs.lake.BootstrapData;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.spark.JobPhase;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * generate: a synthetic world made by the data process Playloop's design starts from (song
 * libraries, playlists, a true score, the top 1.5% liked), scaled by sampling; docs/generator.md
 * describes each step and choice.
 */
public final class GenerateJob implements Job<GenerateRun> {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  @Override
  public String sharedTables() {
    return LakeTable.USER_BLOCK_TABLES;
  }

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String description() {
    return "make a synthetic world (libraries, playlists, likes, user-blocks) to bootstrap the loop";
  }

  @Override
  public JobCommand<GenerateRun> command() {
    return new GenerateOptions();
  }

  @Override
  public JobResult run(JobContext context, GenerateRun run) {
    // Options are checked before Spark starts: a bad command line fails in a second.
    GenerateSettings parsed = run.world();
    Drift drift = run.drift();
    SparkSession spark = context.spark();
    GenerateSettings settings = parsed.resolvePartitions(spark.sparkContext().defaultParallelism());
    WorldSpec spec = settings.world();
    Lake lake = context.lake();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = settings.partitions();
    LOG.info(
        "generate: {} users, {} playlists, {} songs in {} taste clusters, seed {}, batch {}",
        spec.users(),
        spec.playlists(),
        spec.songs(),
        spec.clusters(),
        spec.seed(),
        settings.batchDate());

    JobPhase.begin(spark, "generate: libraries and playlists");
    // 1. Song libraries and playlists, drawn on executors from (seed, id).
    long t0 = System.nanoTime();
    WorldModel model = new WorldModel(spec);
    Dataset<Row> libraries =
        spark
            .range(0, spec.users(), 1, parts)
            .mapPartitions(WorldTables.libraries(model), Encoders.row(WorldTables.LIBRARIES))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> playlists =
        spark
            .range(0, spec.playlists(), 1, parts)
            .mapPartitions(WorldTables.playlists(model), Encoders.row(WorldTables.PLAYLISTS))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Broadcast<WorldIndex> index = jsc.broadcast(WorldIndexes.build(libraries, playlists, settings));
    t0 = phase("libraries and playlists drawn and indexed", t0);

    // 2. Owners: each playlist's best owner candidates, then the capped assignment.
    JobPhase.begin(spark, "generate: playlist owners");
    int[] owner = assignOwners(spark, jsc, index, settings);
    t0 = phase("owners assigned", t0);
    Broadcast<int[]> owners = jsc.broadcast(owner);

    JobPhase.begin(spark, "generate: users' candidates, likes and splits");
    // 3. Each user's candidates, scores, likes, splits and negatives.
    ColdUsers cold = ColdUsers.of(spec.users(), settings.coldShare(), spec.seed());
    long batchStartMicros =
        settings.batchDate().atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    Dataset<Row> outcomes =
        spark
            .range(0, spec.users(), 1, parts)
            .mapPartitions(
                new UserOutcomes(index, owners, settings, cold, batchStartMicros),
                Encoders.row(UserOutcomes.SCHEMA))
            .persist(StorageLevel.MEMORY_AND_DISK());

    Row totals =
        outcomes
            .agg(
                sum(when(col("is_cold"), 1).otherwise(0)),
                sum(col("candidates")),
                sum(size(col("likes"))),
                sum(size(col("blocks"))),
                sum(size(col("val_batches"))))
            .first();
    t0 = phase("users scored (candidates, likes, splits, negatives)", t0);
    JobPhase.begin(spark, "generate: writing the lake");
    Map<String, Long> written =
        write(lake, settings, libraries, playlists, owner, outcomes, totals);
    writeWeeklyTruth(spark, lake, model, drift, parts)
        .ifPresent(n -> written.put(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY.path(), n));
    t0 = phase("lake written", t0);
    JobPhase.begin(spark, "generate: playlists table");
    long synced = CatalogSync.replacePlaylists(context.db(), lake.read(LakeTable.PLAYLISTS));
    LOG.info("generate: playlists table synced ({} rows)", synced);
    outcomes.unpersist();
    libraries.unpersist();
    playlists.unpersist();
    index.destroy();
    owners.destroy();

    long rowsOut = written.values().stream().mapToLong(Long::longValue).sum();
    String summary =
        String.format(
            "generate: %d users (%d cold), %d playlists, %d songs, seed %d, batch %s; "
                + "%d candidates scored, %d likes; wrote %s; playlists table synced (%d rows)",
            spec.users(),
            totals.getLong(0),
            spec.playlists(),
            spec.songs(),
            spec.seed(),
            settings.batchDate(),
            totals.getLong(1),
            totals.getLong(2),
            written.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")),
            synced);
    Map<String, Object> details = new LinkedHashMap<>(written);
    details.put("seed", spec.seed());
    details.put("batch_date", settings.batchDate().toString());
    details.put("cold_users", totals.getLong(0));
    details.put("candidates_scored", totals.getLong(1));
    return new JobResult(0, rowsOut, summary, null, details);
  }

  /**
   * Owners: each playlist's best candidates bid, the greedy places them; playlists whose candidates
   * all filled up bid again among users with room; the rest get a random user.
   */
  private static int[] assignOwners(
      SparkSession spark,
      JavaSparkContext jsc,
      Broadcast<WorldIndex> index,
      GenerateSettings settings) {
    WorldSpec spec = settings.world();
    int[] owner = new int[spec.playlists()];
    java.util.Arrays.fill(owner, -1);
    int[] load = new int[spec.users()];
    Dataset<Row> bids =
        spark
            .range(0, spec.playlists(), 1, settings.partitions())
            .mapPartitions(new OwnerBids(index, settings, null), Encoders.row(OwnerBids.SCHEMA))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Ownership.applyBids(bids, owner, load, settings.ownerCap());
    bids.unpersist();
    List<Long> left = Ownership.unowned(owner);
    if (!left.isEmpty()) {
      Broadcast<boolean[]> full = jsc.broadcast(Ownership.full(load, settings.ownerCap()));
      Dataset<Row> again =
          spark
              .createDataset(left, Encoders.LONG())
              .repartition(Math.max(1, Math.min(settings.partitions(), left.size() / 500 + 1)))
              .mapPartitions(new OwnerBids(index, settings, full), Encoders.row(OwnerBids.SCHEMA))
              .persist(StorageLevel.MEMORY_AND_DISK());
      Ownership.applyBids(again, owner, load, settings.ownerCap());
      again.unpersist();
      full.destroy();
    }
    int random = Ownership.placeLeftovers(owner, load, settings.ownerCap(), spec.seed());
    LOG.info(
        "generate: {} of {} playlists re-bid after their candidates filled up, {} placed at random",
        left.size(),
        spec.playlists(),
        random);
    return owner;
  }

  private static long phase(String what, long since) {
    long now = System.nanoTime();
    LOG.info("generate: {} in {}s", what, String.format("%.1f", (now - since) / 1e9));
    return now;
  }

  /**
   * The world's ids count from 0 (they index its arrays); the lake's and the API's from 1, since
   * the API refuses non-positive ids.
   */
  private static org.apache.spark.sql.Column external(String idColumn) {
    return col(idColumn).plus(1).as(idColumn);
  }

  private static org.apache.spark.sql.Column externalIds(org.apache.spark.sql.Column ids) {
    return org.apache.spark.sql.functions.transform(ids, id -> id.plus(1));
  }

  /**
   * The libraries of the weeks in which tastes moved, when the world drifts. Without drift nothing
   * is written, except that an older world's weekly truth is emptied: it belongs to another world.
   */
  private static java.util.Optional<Long> writeWeeklyTruth(
      SparkSession spark, Lake lake, WorldModel model, Drift drift, int parts) {
    if (!drift.enabled() && !lake.exists(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY)) {
      return java.util.Optional.empty();
    }
    Dataset<Row> weekly =
        drift.enabled()
            ? spark
                .range(0, model.spec().users(), 1, parts)
                .mapPartitions(
                    WorldTables.weeklyLibraries(model, drift),
                    Encoders.row(WorldTables.WEEKLY_LIBRARIES))
                .withColumn("user_id", external("user_id"))
            : spark.createDataFrame(List.of(), LakeTable.TRUTH_USER_LIBRARIES_WEEKLY.schema());
    lake.overwrite(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY, weekly);
    long rows = lake.read(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY).count();
    LOG.info(
        "generate: taste drift {} over {} weeks: {} weekly library changes",
        drift,
        drift.weeks(),
        rows);
    return java.util.Optional.of(rows);
  }

  /** Writes every dataset of the world; returns rows written per dataset path. */
  private static Map<String, Long> write(
      Lake lake,
      GenerateSettings settings,
      Dataset<Row> libraries,
      Dataset<Row> playlists,
      int[] owner,
      Dataset<Row> outcomes,
      Row totals) {
    SparkSession spark = lake.spark();
    Map<String, Long> written = new LinkedHashMap<>();

    lake.overwrite(
        LakeTable.TRUTH_USER_LIBRARIES, libraries.withColumn("user_id", external("user_id")));
    written.put(LakeTable.TRUTH_USER_LIBRARIES.path(), (long) settings.world().users());
    lake.overwrite(
        LakeTable.TRUTH_PLAYLIST_SONGS,
        playlists.withColumn("playlist_id", external("playlist_id")));
    written.put(LakeTable.TRUTH_PLAYLIST_SONGS.path(), (long) settings.world().playlists());

    Dataset<Row> catalog =
        playlists
            .join(Ownership.asRows(spark, owner), "playlist_id")
            .withColumn("n_songs", size(col("songs")))
            .withColumn("playlist_id", external("playlist_id"))
            .withColumn("owner_user_id", external("owner_user_id"));
    lake.overwrite(LakeTable.PLAYLISTS, catalog);
    written.put(LakeTable.PLAYLISTS.path(), (long) owner.length);
    lake.overwrite(LakeTable.USERS, outcomes.select(external("user_id"), col("is_cold")));
    written.put(LakeTable.USERS.path(), (long) settings.world().users());

    Dataset<Row> likes =
        outcomes
            .select(col("user_id"), explode(col("likes")).as("l"))
            .select(
                external("user_id"),
                col("l.playlist_id").plus(1).as("playlist_id"),
                col("l.score").as("score"),
                expr("timestamp_micros(l.event_micros)").as("event_time"),
                col("l.split").as("split"));
    lake.overwrite(LakeTable.TRUTH_LIKES, likes);
    written.put(LakeTable.TRUTH_LIKES.path(), totals.getLong(2));
    written.put(LakeTable.POSITIVES_SPLITS.path(), totals.getLong(2));

    Dataset<Row> blocks =
        outcomes
            .select(col("user_id"), explode(col("blocks")).as("b"))
            .select(
                external("user_id"),
                col("b.positive").plus(1).as("playlist_id_positive"),
                externalIds(col("b.negatives")).as("playlist_id_negative_list"),
                expr("timestamp_micros(b.event_micros)").as("event_time"),
                lit(BootstrapData.BOOTSTRAP).as("source"),
                lit(java.sql.Date.valueOf(settings.batchDate())).as("batch_date"));
    Dataset<Row> batches =
        outcomes
            .select(col("user_id"), explode(col("val_batches")).as("v"))
            .select(
                external("user_id"),
                col("v.positive").plus(1).as("playlist_id_positive"),
                externalIds(col("v.negatives")).as("candidate_negatives"));
    // A new world replaces the bootstrap of any date; what extract derived from feedback stays.
    BootstrapData.replace(
        lake, blocks, likes.withColumn("source", lit(BootstrapData.BOOTSTRAP)), batches);
    written.put(LakeTable.TRIPLETS.path(), totals.getLong(3));
    written.put(LakeTable.VAL_EVAL_BATCHES.path(), totals.getLong(4));

    Dataset<Row> popularity =
        lake.read(LakeTable.POSITIVES_SPLITS)
            .filter(col("split").equalTo("train"))
            .groupBy("playlist_id")
            .agg(count(lit(1)).as("positives"));
    lake.overwrite(LakeTable.POPULARITY, popularity);
    written.put(LakeTable.POPULARITY.path(), lake.read(LakeTable.POPULARITY).count());
    return written;
  }
}
