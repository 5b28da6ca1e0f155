package io.playloop.jobs.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.playloop.core.registry.GateRecord;
import io.playloop.core.registry.ModelEntry;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.OfflineMetric;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.OptionSpec;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.models.LakeWorld;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ServingTables;
import io.playloop.jobs.models.algorithms.popularity.PopularityModel;
import io.playloop.jobs.models.evaluation.Validation;
import io.playloop.jobs.models.store.ModelStore;
import io.playloop.jobs.spark.JoinColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * score: top-N per user for one model version over the candidate source (neighbours' playlists or
 * the whole catalog), minus train positives and owned playlists, into the lake and the serving
 * tables; then the gate decides whether the version becomes active.
 */
public final class ScoreJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  /** Popular playlists beyond N kept for topping up: room for a user's exclusions. */
  private static final int FILL_MARGIN = 250;

  @Override
  public String name() {
    return "score";
  }

  @Override
  public String description() {
    return "top-N per user for a model version into the serving table; promote if it passes the gate";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("version", "model version (default: the newest chosen candidate)", null),
        OptionSpec.of("top-n", "playlists per user (at least 50)", 50),
        OptionSpec.of("candidates", "neighbours (user_pairing_model) or catalog", "neighbours"),
        OptionSpec.of("popular", "length of the popularity fallback list", 100),
        OptionSpec.of("gate-metric", "validation metric the gate compares", "mrr"),
        OptionSpec.of(
            "gate-tolerance", "how far below the active version still counts as not worse", 0),
        OptionSpec.of("eval-users", "users sampled for the gate's evaluation", 2000),
        OptionSpec.of("explore-clusters", "taste clusters written for exploration (0: none)", 16),
        OptionSpec.of("explore-pool", "playlists per taste cluster exploration serves from", 20),
        OptionSpec.of("promote", "run the gate (false: only write rows)", true));
  }

  @Override
  public JobResult run(JobContext context) throws Exception {
    var o = context.options();
    int topN = o.getInt("top-n", 50);
    if (topN < 50) {
      throw new UsageException("--top-n must be at least 50, got " + topN);
    }
    String source = o.get("candidates", "neighbours");
    if (!source.equals("neighbours") && !source.equals("catalog")) {
      throw new UsageException("--candidates must be neighbours or catalog, got '" + source + "'");
    }
    double tolerance = o.getDouble("gate-tolerance", 0);
    if (tolerance < 0) {
      throw new UsageException("--gate-tolerance must not be negative");
    }
    ModelRegistry registry = new ModelRegistry(context.db());
    String version = o.get("version").orElseGet(() -> newestChosen(registry));
    if (registry.find(version).isEmpty()) {
      throw new UsageException("no model version '" + version + "' is registered");
    }
    Lake lake = context.lake();
    LakeWorld world;
    Model model;
    try {
      world = new LakeWorld(lake);
      model = new ModelStore(lake).load(version);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }

    Dataset<Row> users = scoringRows(lake, world, source);
    int clusters = o.getInt("explore-clusters", 16);
    int pool = o.getInt("explore-pool", 20);
    if (clusters < 0 || clusters > 64) {
      throw new UsageException("--explore-clusters must be from 0 to 64, got " + clusters);
    }
    if (pool < 1) {
      throw new UsageException("--explore-pool must be positive, got " + pool);
    }
    int popularN = o.getInt("popular", 100);
    PopularityModel popularity =
        PopularityModel.fromCounts(
            world.trainPositives().groupBy("playlist_id").count().collectAsList());
    int[] popular = popularity.top(popularN);
    // Users whose neighbours' candidates run short are topped up from the popular playlists.
    int[] fill = popularity.top(topN + FILL_MARGIN);
    Dataset<Row> recs = BatchScorer.topN(users, model, topN, fill);
    lake.overwrite(LakeTable.recommendationsPath(version), recs);
    Dataset<Row> written = lake.read(LakeTable.recommendationsPath(version));
    long rows =
        ServingTables.replace(
            context.db(),
            version,
            written.select("user_id", "playlists", "scores").toLocalIterator(),
            popular);
    // Before the gate: the server finds a promoted version's clusters with its lists.
    List<TasteClusters.Cluster> taste =
        TasteClusters.compute(world.trainPositives(), clusters, pool, version.hashCode());
    ExplorationTables.replace(context.db(), version, taste);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", version);
    details.put("candidates", source);
    details.put("taste_clusters", taste.size());
    String summary = "wrote " + rows + " users' top-" + topN + " for " + version;
    if (o.getBoolean("promote", true)) {
      Gate.Decision d = gate(context, registry, world, version, model, tolerance);
      details.put("promoted", d.promote());
      details.put("gate", d.reason());
      summary += "; " + d.reason();
    }
    return JobResult.of(users.count(), rows, summary).withDetails(details);
  }

  /** Evaluates the version and the active one on today's validation data and applies the gate. */
  private static Gate.Decision gate(
      JobContext context,
      ModelRegistry registry,
      LakeWorld world,
      String version,
      Model model,
      double tolerance)
      throws Exception {
    String metric = context.options().get("gate-metric", "mrr");
    Validation validation =
        world.evaluation("val", context.options().getInt("eval-users", 2000), world.catalog());
    double candidate = value(validation.evaluate(model), metric);
    String activeVersion = registry.activeVersion().orElse(null);
    double activeValue = Double.NaN;
    if (activeVersion != null && !activeVersion.equals(version)) {
      Model activeModel = new ModelStore(context.lake()).load(activeVersion);
      activeValue = value(validation.evaluate(activeModel), metric);
    }
    Gate.Decision d =
        Gate.decide(metric, version, candidate, activeVersion, activeValue, tolerance);
    registry.recordGate(
        version,
        new GateRecord(
            OfflineMetric.of(metric),
            candidate,
            activeVersion,
            Double.isNaN(activeValue) ? null : activeValue,
            d.promote()));
    if (d.promote()) {
      registry.promote(version);
    }
    LOG.info("gate: {}", d.reason());
    return d;
  }

  private static double value(Map<String, Double> metrics, String metric) {
    Double v = metrics.get(metric);
    if (v == null) {
      throw new UsageException(
          "--gate-metric " + metric + " is not computed (have " + metrics.keySet() + ")");
    }
    return v;
  }

  /**
   * One row per user to score: user_id, candidates (null: the whole catalog) and excluded (train
   * positives and owned playlists).
   */
  static Dataset<Row> scoringRows(Lake lake, LakeWorld world, String source) {
    Dataset<Row> positives = world.trainPositives();
    Dataset<Row> owned =
        lake.exists(LakeTable.PLAYLISTS)
            ? lake.read(LakeTable.PLAYLISTS)
                .where(col("owner_user_id").isNotNull())
                .select(col("owner_user_id").as("user_id"), col("playlist_id"))
            : positives.limit(0);
    Dataset<Row> excluded =
        positives
            .unionByName(owned)
            .groupBy("user_id")
            .agg(collect_set("playlist_id").as("excluded"));
    Dataset<Row> users;
    if (lake.exists(LakeTable.USERS)) {
      users = lake.read(LakeTable.USERS).where(col("is_cold").equalTo(false)).select("user_id");
    } else {
      users = positives.select("user_id").distinct();
    }
    Dataset<Row> candidates;
    if (source.equals("catalog")) {
      candidates =
          users.withColumn(
              "candidates", lit(null).cast(DataTypes.createArrayType(DataTypes.IntegerType)));
    } else {
      if (!lake.exists(LakeTable.USER_PAIRING)) {
        throw new UsageException(
            "no user_pairing_model in the lake: run pair-users first, or score with --candidates"
                + " catalog");
      }
      Dataset<Row> pairing = lake.read(LakeTable.USER_PAIRING);
      String newest = pairing.select(max("version")).head().getString(0);
      candidates =
          users.join(
              pairing
                  .where(col("version").equalTo(newest))
                  .select(col("user_id"), col("candidate_playlists").as("candidates")),
              "user_id");
    }
    return candidates.join(excluded, JoinColumns.of("user_id"), "left");
  }

  private static String newestChosen(ModelRegistry registry) {
    return registry
        .newestChosen()
        .map(ModelEntry::modelVersion)
        .orElseThrow(
            () ->
                new UsageException(
                    "no trained model is registered: run train first, or pass --version"));
  }
}
