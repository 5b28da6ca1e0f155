package io.playloop.jobs.pairing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;

import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.LegacyJob;
import io.playloop.jobs.OptionSpec;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.models.LakeWorld;
import io.playloop.jobs.models.TrainingWindow;
import io.playloop.jobs.models.algorithms.als.AlsParams;
import io.playloop.jobs.models.algorithms.als.AlsTrainer;
import io.playloop.jobs.spark.Checkpoints;
import io.playloop.jobs.spark.JoinColumns;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * pair-users: the user-pairing model, each user's nearest users by taste. Taste vectors are
 * implicit-ALS user factors of the train positives; neighbours come from LSH buckets ({@link
 * UserPairing}); candidates are the playlists the neighbours own. Written to
 * user_pairing_model/version=<v>.
 */
public final class PairUsersJob implements LegacyJob {
  private static final StructType OUT =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("neighbor_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add(
              "candidate_playlists",
              DataTypes.createArrayType(DataTypes.IntegerType, false),
              false);

  @Override
  public String name() {
    return "pair-users";
  }

  @Override
  public String description() {
    return "nearest users by taste (cosine, LSH) and their playlists as candidates";
  }

  @Override
  public List<OptionSpec> options() {
    List<OptionSpec> options =
        new ArrayList<>(
            List.of(
                OptionSpec.of("neighbours", "at most this many neighbours per user", 50),
                OptionSpec.of("min-candidates", "walk neighbours until this many candidates", 20),
                OptionSpec.of("max-candidates", "sample at most this many candidates", 75),
                OptionSpec.of("rank", "taste vector size (ALS factors)", 16),
                OptionSpec.of("iterations", "ALS iterations for the taste vectors", 8),
                OptionSpec.of("tables", "LSH hash tables", 4),
                OptionSpec.of("bucket-size", "target users per LSH bucket", 1000),
                OptionSpec.of("version", "pairing version (default: a UTC timestamp)", null),
                OptionSpec.of("seed", "random seed", 42)));
    // Tastes that changed are forgotten by the pairing as by the rankers: the same window.
    options.addAll(TrainingWindow.options());
    return options;
  }

  @Override
  public JobResult run(JobContext context) {
    var o = context.options();
    int neighbours = o.getInt("neighbours", 50);
    int min = o.getInt("min-candidates", 20);
    int max = o.getInt("max-candidates", 75);
    if (neighbours < 1 || min < 1 || max < min) {
      throw new UsageException(
          "need --neighbours >= 1 and 1 <= --min-candidates <= --max-candidates");
    }
    long seed = o.getLong("seed", 42);
    String version =
        o.get("version")
            .orElse(
                ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    if (!version.matches("[A-Za-z0-9_.-]+")) {
      throw new UsageException("--version may use letters, digits, '.', '_' and '-' only");
    }
    Lake lake = context.lake();
    LakeWorld world;
    try {
      world = new LakeWorld(lake, TrainingWindow.from(o, context.config()));
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new UsageException(e.getMessage());
    }
    if (!lake.exists(LakeTable.PLAYLISTS)) {
      throw new UsageException("the lake has no catalog/playlists (owners): run generate first");
    }
    AlsParams taste;
    try {
      taste = new AlsParams(o.getInt("rank", 16), 0.1, 1.0, o.getInt("iterations", 8), 0);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--rank and --iterations: " + e.getMessage());
    }
    Checkpoints.ensure(context.spark(), lake.uri("tmp/checkpoints"));
    Dataset<Row> positives = world.trainPositives().cache();
    Dataset<Row> factors =
        AlsTrainer.userFactors(AlsTrainer.ratings(positives, null, 0), taste, seed);

    Dataset<Row> knn =
        UserPairing.neighbours(
            factors,
            new UserPairing.Params(
                neighbours, o.getInt("tables", 4), o.getInt("bucket-size", 1000), seed));
    Dataset<Row> owned =
        lake.read(LakeTable.PLAYLISTS)
            .where(col("owner_user_id").isNotNull())
            .groupBy(col("owner_user_id").as("neighbor_id"))
            .agg(collect_list("playlist_id").as("owned"));
    Dataset<Row> excluded =
        positives
            .unionByName(
                lake.read(LakeTable.PLAYLISTS)
                    .where(col("owner_user_id").isNotNull())
                    .select(col("owner_user_id").as("user_id"), col("playlist_id")))
            .groupBy("user_id")
            .agg(collect_set("playlist_id").as("excluded"));
    Dataset<Row> walk =
        knn.select(
                col("user_id"),
                posexplode(col("neighbor_ids")).as(new String[] {"pos", "neighbor_id"}))
            .join(owned, JoinColumns.of("neighbor_id"), "left")
            .groupBy("user_id")
            .agg(
                functions
                    .sort_array(collect_list(struct(col("pos"), col("neighbor_id"), col("owned"))))
                    .as("walk"))
            .join(excluded, JoinColumns.of("user_id"), "left");
    MapFunction<Row, Row> pick =
        r -> {
          int user = r.getInt(0);
          List<Row> steps = r.getList(1);
          int[] ids = new int[steps.size()];
          List<int[]> ownedBy = new ArrayList<>();
          for (int i = 0; i < steps.size(); i++) {
            ids[i] = steps.get(i).getInt(1);
            List<Integer> pl = steps.get(i).isNullAt(2) ? List.of() : steps.get(i).getList(2);
            ownedBy.add(pl.stream().mapToInt(Integer::intValue).toArray());
          }
          Set<Integer> ex = r.isNullAt(2) ? Set.of() : new HashSet<>(r.<Integer>getList(2));
          int[][] chosen = UserPairing.candidates(user, ids, ownedBy, ex, min, max, seed);
          return RowFactory.create(user, boxed(chosen[0]), boxed(chosen[1]));
        };
    Dataset<Row> pairing =
        walk.select("user_id", "walk", "excluded")
            .map(pick, Encoders.row(OUT))
            .withColumn("version", functions.lit(version));
    lake.replaceWhere(LakeTable.USER_PAIRING, pairing, "version = '" + version + "'");
    positives.unpersist();
    Row stats =
        lake.read(LakeTable.USER_PAIRING)
            .where(col("version").equalTo(version))
            .agg(
                functions.count("*"),
                functions.avg(functions.size(col("neighbor_ids"))),
                functions.avg(functions.size(col("candidate_playlists"))),
                functions.sum(
                    functions
                        .when(functions.size(col("candidate_playlists")).lt(min), 1)
                        .otherwise(0)))
            .head();
    long users = stats.getLong(0);
    return JobResult.of(
            factors.count(),
            users,
            String.format(
                "pairing version %s: %d users, %.1f neighbours and %.1f candidates on average, %d"
                    + " users below %d candidates",
                version,
                users,
                stats.isNullAt(1) ? 0 : stats.getDouble(1),
                stats.isNullAt(2) ? 0 : stats.getDouble(2),
                stats.isNullAt(3) ? 0 : stats.getLong(3),
                min))
        .withWatermark(version);
  }

  private static Integer[] boxed(int[] a) {
    Integer[] out = new Integer[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
