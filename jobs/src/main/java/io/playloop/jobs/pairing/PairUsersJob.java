package io.playloop.jobs.pairing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;

import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.models.LakeWorld;
import io.playloop.jobs.models.algorithms.als.AlsParams;
import io.playloop.jobs.models.algorithms.als.AlsTrainer;
import io.playloop.jobs.spark.Checkpoints;
import io.playloop.jobs.spark.JobPhase;
import io.playloop.jobs.spark.JoinColumns;
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
public final class PairUsersJob implements Job<PairUsersSettings> {
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
  public JobCommand<PairUsersSettings> command() {
    return new PairUsersOptions();
  }

  @Override
  public JobResult run(JobContext context, PairUsersSettings s) {
    int neighbours = s.neighbours();
    int min = s.minCandidates();
    int max = s.maxCandidates();
    long seed = s.seed();
    String version = s.version();
    Lake lake = context.lake();
    LakeWorld world;
    try {
      world = new LakeWorld(lake, s.window());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (!lake.exists(LakeTable.PLAYLISTS)) {
      throw new UsageException("the lake has no catalog/playlists (owners): run generate first");
    }
    AlsParams taste = s.taste();
    Checkpoints.ensure(context.spark(), lake.uri("tmp/checkpoints"));
    JobPhase.begin(context.spark(), "pair-users: taste vectors (ALS rank " + taste.rank() + ")");
    Dataset<Row> positives = world.trainPositives().cache();
    Dataset<Row> factors =
        AlsTrainer.userFactors(AlsTrainer.ratings(positives, null, 0), taste, seed);

    JobPhase.begin(context.spark(), "pair-users: neighbours (LSH)");
    Dataset<Row> knn =
        UserPairing.neighbours(
            factors, new UserPairing.Params(neighbours, s.tables(), s.bucketSize(), seed));
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
    JobPhase.begin(context.spark(), "pair-users: candidates from the neighbours' playlists");
    lake.replaceWhere(LakeTable.USER_PAIRING, pairing, "version = '" + version + "'");
    positives.unpersist();
    JobPhase.begin(context.spark(), "pair-users: summary");
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
