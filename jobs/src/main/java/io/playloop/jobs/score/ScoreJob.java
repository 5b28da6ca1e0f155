package io.playloop.jobs.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.playloop.core.registry.GateRecord;
import io.playloop.core.registry.ModelEntry;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.OfflineMetric;
import io.playloop.core.registry.ValidationScope;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.models.LakeWorld;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ServingTables;
import io.playloop.jobs.models.algorithms.popularity.PopularityModel;
import io.playloop.jobs.models.evaluation.Validation;
import io.playloop.jobs.models.evaluation.WindowedValidation;
import io.playloop.jobs.models.store.ModelStore;
import io.playloop.jobs.spark.JobPhase;
import io.playloop.jobs.spark.JoinColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * score: top-N per user for one model version over the candidate source (neighbours' playlists or
 * the whole catalog, chosen from the data unless asked for), minus train positives and owned
 * playlists, into the lake and the serving tables; then the gate decides whether the version
 * becomes active.
 */
public final class ScoreJob implements Job<ScoreSettings> {
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
  public JobCommand<ScoreSettings> command() {
    return new ScoreOptions();
  }

  @Override
  public JobResult run(JobContext context, ScoreSettings s) throws Exception {
    int topN = s.topN();
    String requested = s.candidates();
    ModelRegistry registry = new ModelRegistry(context.db());
    String version = s.version().orElseGet(() -> newestChosen(registry));
    if (registry.find(version).isEmpty()) {
      throw new UsageException("no model version '" + version + "' is registered");
    }
    Lake lake = context.lake();
    LakeWorld world;
    Model model;
    try {
      world = new LakeWorld(lake);
      model = new ModelStore(lake).load(version);
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new UsageException(e.getMessage());
    }

    CandidateSource.Choice choice =
        CandidateSource.choose(lake, scoringUsers(lake, world), requested, topN);
    LOG.info("candidates: {} ({})", choice.source(), choice.reason());
    String source = choice.source();
    Dataset<Row> users = scoringRows(lake, world, source, s.profileHeldOut());
    int clusters = s.exploreClusters();
    int pool = s.explorePool();
    int popularN = s.popular();
    JobPhase.begin(context.spark(), "score: popular playlists");
    PopularityModel popularity =
        PopularityModel.fromCounts(
            world.trainPositives().groupBy("playlist_id").count().collectAsList());
    int[] popular = popularity.top(popularN);
    // Users whose neighbours' candidates run short are topped up from the popular playlists.
    int[] fill = popularity.top(topN + FILL_MARGIN);
    Model listing = s.profileHeldOut() ? ListingProfiles.withHeldOut(model, world) : model;
    Dataset<Row> recs = BatchScorer.topN(users, listing, topN, fill);
    JobPhase.begin(context.spark(), "score: top-" + topN + " per user with " + version);
    lake.overwrite(LakeTable.recommendationsPath(version), recs);
    Dataset<Row> written = lake.read(LakeTable.recommendationsPath(version));
    JobPhase.begin(context.spark(), "score: serving tables");
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
    details.put("candidates_reason", choice.reason());
    details.put("taste_clusters", taste.size());
    details.put(
        "profiles", listing == model ? "as trained" : "train and held-out (val, test) positives");
    String summary =
        "wrote " + rows + " users' top-" + topN + " for " + version + " from the " + source;
    if (s.promote()) {
      GateOutcome g = gate(context, s, registry, world, version, model);
      details.put("promoted", g.decision().promote());
      details.put("gate", g.decision().reason());
      details.put("gate_validation", g.scope().describe());
      details.put("gate_validation_fallback", g.scope().fallback());
      summary += "; " + g.decision().reason() + " (" + g.scope().describe() + ")";
    }
    return JobResult.of(users.count(), rows, summary).withDetails(details);
  }

  /** The gate's decision and the validation data it decided on. */
  private record GateOutcome(Gate.Decision decision, ValidationScope scope) {}

  /**
   * Evaluates the version and the active one on the window's validation data and applies the gate.
   */
  private static GateOutcome gate(
      JobContext context,
      ScoreSettings s,
      ModelRegistry registry,
      LakeWorld world,
      String version,
      Model model)
      throws Exception {
    String metric = s.gateMetric();
    double tolerance = s.gateTolerance();
    JobPhase.begin(context.spark(), "score: gate on validation");
    WindowedValidation windowed =
        world.validation(s.validationWindow(), s.evalUsers(), world.catalog());
    Validation validation = windowed.data();
    double candidate = value(validation.evaluate(model), metric);
    String activeVersion = registry.activeVersion().orElse(null);
    double activeValue = Double.NaN;
    Gate.Decision d;
    Optional<Model> activeModel =
        activeVersion == null || activeVersion.equals(version)
            ? Optional.empty()
            : new ModelStore(context.lake()).find(activeVersion);
    if (activeVersion != null && !activeVersion.equals(version) && activeModel.isEmpty()) {
      d = Gate.activeNotInLake(metric, version, candidate, activeVersion, context.lake().root());
    } else {
      if (activeModel.isPresent()) {
        activeValue = value(validation.evaluate(activeModel.get()), metric);
      }
      d = Gate.decide(metric, version, candidate, activeVersion, activeValue, tolerance);
    }
    registry.recordGate(
        version,
        new GateRecord(
            OfflineMetric.of(metric),
            candidate,
            activeVersion,
            Double.isNaN(activeValue) ? null : activeValue,
            d.promote(),
            windowed.scope()));
    if (d.promote()) {
      registry.promote(version);
    }
    LOG.info("gate: {} on {}", d.reason(), windowed.scope().describe());
    return new GateOutcome(d, windowed.scope());
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
   * positives, with {@code heldOut} the val and test positives too, and owned playlists).
   */
  static Dataset<Row> scoringRows(Lake lake, LakeWorld world, String source, boolean heldOut) {
    Dataset<Row> positives =
        heldOut
            ? world
                .trainPositives()
                .unionByName(world.split("val"))
                .unionByName(world.split("test"))
            : world.trainPositives();
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
    Dataset<Row> users = scoringUsers(lake, world);
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
      candidates = users.join(newestPairing(lake), "user_id");
    }
    return candidates.join(excluded, JoinColumns.of("user_id"), "left");
  }

  /** The users score writes recommendations for: the warm users (all with positives if unknown). */
  static Dataset<Row> scoringUsers(Lake lake, LakeWorld world) {
    if (lake.exists(LakeTable.USERS)) {
      return lake.read(LakeTable.USERS).where(col("is_cold").equalTo(false)).select("user_id");
    }
    return world.trainPositives().select("user_id").distinct();
  }

  /** The newest pairing version's candidates: user_id, candidates. */
  static Dataset<Row> newestPairing(Lake lake) {
    Dataset<Row> pairing = lake.read(LakeTable.USER_PAIRING);
    String newest = pairing.select(max("version")).head().getString(0);
    return pairing
        .where(col("version").equalTo(newest))
        .select(col("user_id"), col("candidate_playlists").as("candidates"));
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
