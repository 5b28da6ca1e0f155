package io.playloop.jobs.importer;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import io.playloop.jobs.lake.BootstrapData;
import io.playloop.jobs.lake.SplitRule;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns interactions into the lake's training layout: catalog (items as unowned playlists, users),
 * positives split by the lake's {@link SplitRule} (about 70/20/10 per user), user-blocks with
 * negatives the user never touched, validation batches and popularity. Duplicate (user, item) rows
 * merge: weights add up, the first time counts.
 */
public final class ImportedWorld {
  /** What an import makes is bootstrap data (feedback comes from extract). */
  public static final String SOURCE = BootstrapData.BOOTSTRAP;

  private static final int TRIPLETS_PURPOSE = 1;
  private static final int VALIDATION_PURPOSE = 2;

  /**
   * What shapes the world: positives are interactions weighing at least {@code minWeight} (null:
   * all); {@code defaultTime} stands in when the file has no times; {@code batchDate} names the
   * bootstrap batch.
   */
  public record Settings(
      Double minWeight,
      long seed,
      int negatives,
      int evalNegatives,
      Timestamp defaultTime,
      Date batchDate) {}

  private final Dataset<Row> playlists;
  private final Dataset<Row> users;
  private final Dataset<Row> splits;
  private final Dataset<Row> triplets;
  private final Dataset<Row> validationBatches;
  private final Dataset<Row> popularity;

  private ImportedWorld(
      Dataset<Row> playlists,
      Dataset<Row> users,
      Dataset<Row> splits,
      Dataset<Row> triplets,
      Dataset<Row> validationBatches,
      Dataset<Row> popularity) {
    this.playlists = playlists;
    this.users = users;
    this.splits = splits;
    this.triplets = triplets;
    this.validationBatches = validationBatches;
    this.popularity = popularity;
  }

  /** Builds the world; {@code titles} (item_id, title) may be null. Nothing is written here. */
  public static ImportedWorld build(
      SparkSession spark, Interactions in, Dataset<Row> titles, Settings s) {
    Dataset<Row> merged =
        in.rows()
            .groupBy("user_id", "item_id")
            .agg(sum("weight").as("weight"), min("event_time").as("event_time"));
    if (!in.hasTime()) {
      merged = merged.withColumn("event_time", lit(s.defaultTime()));
    }
    merged = merged.cache();

    Dataset<Row> items = merged.select("item_id").distinct();
    Dataset<Row> named =
        titles == null
            ? items.withColumn("title", lit(null).cast(DataTypes.StringType))
            : items.join(titles, "item_id", "left");
    Dataset<Row> playlists =
        named.select(
            col("item_id").as("playlist_id"),
            lit(null).cast(DataTypes.IntegerType).as("owner_user_id"),
            coalesce(col("title"), concat(lit("item "), col("item_id"))).as("name"),
            lit(0).as("n_songs"));
    Dataset<Row> users =
        merged.select("user_id").distinct().withColumn("is_cold", lit(false)).cache();

    Dataset<Row> positives =
        s.minWeight() == null ? merged : merged.filter(col("weight").geq(s.minWeight()));
    Dataset<Row> splits = split(positives).cache();

    int[] catalog = items.collectAsList().stream().mapToInt(r -> r.getInt(0)).sorted().toArray();
    Broadcast<UntouchedNegatives> sampler =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(new UntouchedNegatives(catalog, s.seed()));
    UserDefinedFunction negatives = negativesUdf(sampler);
    Dataset<Row> touched = merged.groupBy("user_id").agg(collect_list("item_id").as("touched"));

    Dataset<Row> triplets =
        withNegatives(splits, "train", touched, negatives, s.negatives(), TRIPLETS_PURPOSE)
            .select(
                col("user_id"),
                col("positive").as("playlist_id_positive"),
                col("negatives").as("playlist_id_negative_list"),
                col("event_time"),
                lit(SOURCE).as("source"),
                lit(s.batchDate()).as("batch_date"));
    Dataset<Row> validation =
        withNegatives(splits, "val", touched, negatives, s.evalNegatives(), VALIDATION_PURPOSE)
            .select(
                col("user_id"),
                col("positive").as("playlist_id_positive"),
                col("negatives").as("candidate_negatives"));
    Dataset<Row> popularity =
        splits
            .filter(col("split").equalTo("train"))
            .groupBy("playlist_id")
            .agg(count("*").as("positives"));
    return new ImportedWorld(playlists, users, splits, triplets, validation, popularity);
  }

  /** Each positive with its split by the lake's {@link SplitRule}, as bootstrap data. */
  static Dataset<Row> split(Dataset<Row> positives) {
    return positives.select(
        col("user_id"),
        col("item_id").as("playlist_id"),
        col("event_time"),
        SplitRule.column(col("user_id"), col("item_id")).as("split"),
        lit(SOURCE).as("source"));
  }

  /**
   * One row per positive of {@code split} with k negatives; users short of untouched items drop.
   */
  private static Dataset<Row> withNegatives(
      Dataset<Row> splits,
      String split,
      Dataset<Row> touched,
      UserDefinedFunction negatives,
      int k,
      int purpose) {
    Dataset<Row> perUser =
        splits
            .filter(col("split").equalTo(split))
            .groupBy("user_id")
            .agg(sort_array(collect_list(struct(col("playlist_id"), col("event_time")))).as("pos"))
            .join(touched, "user_id")
            .withColumn(
                "negs",
                negatives.apply(
                    col("user_id"), col("pos.playlist_id"), col("touched"), lit(k), lit(purpose)))
            .filter(col("negs").isNotNull());
    return perUser
        .select(col("user_id"), col("negs"), posexplode(col("pos")).as(new String[] {"i", "p"}))
        .select(
            col("user_id"),
            col("p.playlist_id").as("positive"),
            col("p.event_time").as("event_time"),
            element_at(col("negs"), col("i").plus(1)).as("negatives"));
  }

  /** (user, positives, touched, k, purpose) -> one array of k negatives per positive. */
  private static UserDefinedFunction negativesUdf(Broadcast<UntouchedNegatives> sampler) {
    UDF5<
            Integer,
            scala.collection.Seq<Integer>,
            scala.collection.Seq<Integer>,
            Integer,
            Integer,
            List<int[]>>
        f =
            (user, pos, touchedItems, k, purpose) -> {
              Set<Integer> touchedSet = new HashSet<>(touchedItems.size() * 2);
              scala.collection.Iterator<Integer> it = touchedItems.iterator();
              while (it.hasNext()) {
                touchedSet.add(it.next());
              }
              return sampler.value().sample(user, touchedSet, pos.size(), k, purpose);
            };
    return udf(
        f,
        DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType, false), true));
  }

  public Dataset<Row> playlists() {
    return playlists;
  }

  public Dataset<Row> users() {
    return users;
  }

  public Dataset<Row> splits() {
    return splits;
  }

  public Dataset<Row> triplets() {
    return triplets;
  }

  public Dataset<Row> validationBatches() {
    return validationBatches;
  }

  public Dataset<Row> popularity() {
    return popularity;
  }
}
