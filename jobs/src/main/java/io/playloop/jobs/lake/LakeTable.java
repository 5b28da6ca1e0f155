package io.playloop.jobs.lake;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every table of the lake: its path under the lake root, its schema and its partition columns. The
 * one place in code where the layout is written down.
 */
public enum LakeTable {
  PLAYLISTS(
      "catalog/playlists",
      schema(
          intField("playlist_id"),
          // null for imported items that nobody owns
          DataTypes.createStructField("owner_user_id", DataTypes.IntegerType, true),
          field("name", DataTypes.StringType),
          intField("n_songs"))),
  USERS("catalog/users", schema(intField("user_id"), field("is_cold", DataTypes.BooleanType))),
  /** User-blocks: one positive and its negatives, by source (bootstrap or feedback) and batch. */
  TRIPLETS(
      "triplets_data",
      schema(
          intField("user_id"),
          intField("playlist_id_positive"),
          intArray("playlist_id_negative_list"),
          field("event_time", DataTypes.TimestampType),
          field("source", DataTypes.StringType),
          field("batch_date", DataTypes.DateType)),
      "source",
      "batch_date"),
  /**
   * Every positive with its split (train, val or test, by {@link SplitRule}) and its source
   * (bootstrap: generate or import; feedback: extract), so a new bootstrap can keep the feedback.
   */
  POSITIVES_SPLITS(
      "positives_splits",
      schema(
          intField("user_id"),
          intField("playlist_id"),
          field("event_time", DataTypes.TimestampType),
          field("split", DataTypes.StringType),
          field("source", DataTypes.StringType)),
      "split"),
  VAL_EVAL_BATCHES(
      "val_eval_batches",
      schema(
          intField("user_id"), intField("playlist_id_positive"), intArray("candidate_negatives"))),
  USER_PAIRING(
      "user_pairing_model",
      schema(
          intField("user_id"),
          intArray("neighbor_ids"),
          intArray("candidate_playlists"),
          field("version", DataTypes.StringType)),
      "version"),
  /** Popularity of playlists among train positives (other_utils). */
  POPULARITY(
      "other_utils/popularity",
      schema(intField("playlist_id"), field("positives", DataTypes.LongType))),
  /** Generator ground truth: each user's song library and exploration coefficient. */
  TRUTH_USER_LIBRARIES(
      "other_utils/ground_truth/user_libraries",
      schema(intField("user_id"), intArray("songs"), field("exploration", DataTypes.DoubleType))),
  /**
   * Generator ground truth of a world whose tastes drift: a user's library from simulated week
   * {@code week} on, stored only for the weeks in which it changed (the bootstrap library, in
   * user_libraries, holds until the first row).
   */
  TRUTH_USER_LIBRARIES_WEEKLY(
      "other_utils/ground_truth/user_libraries_weekly",
      schema(
          intField("user_id"),
          intField("week"),
          intArray("songs"),
          field("exploration", DataTypes.DoubleType))),
  /** Generator ground truth: each playlist's songs. */
  TRUTH_PLAYLIST_SONGS(
      "other_utils/ground_truth/playlist_songs",
      schema(intField("playlist_id"), intArray("songs"))),
  /** Generator ground truth: every liked (user, playlist) with its true score. */
  TRUTH_LIKES(
      "other_utils/ground_truth/likes",
      schema(intField("user_id"), intField("playlist_id"), field("score", DataTypes.DoubleType)));

  /**
   * The user-block tables (triplets_data, positives_splits, val_eval_batches) as one lock's name:
   * generate and import replace their bootstrap part, extract appends to them and ages them out.
   */
  public static final String USER_BLOCK_TABLES = "user-block tables";

  private final String path;
  private final StructType schema;
  private final List<String> partitionColumns;

  LakeTable(String path, StructType schema, String... partitionColumns) {
    this.path = path;
    this.schema = schema;
    this.partitionColumns = List.of(partitionColumns);
  }

  /** The path below the lake root. */
  public String path() {
    return path;
  }

  public StructType schema() {
    return schema;
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }

  /** Per-model-version tables live under these prefixes: models/<v>, recommendations/<v>. */
  public static String modelPath(String modelVersion) {
    return "models/" + modelVersion;
  }

  public static String recommendationsPath(String modelVersion) {
    return "recommendations/" + modelVersion;
  }

  /** Schema of recommendations/<model_version>. */
  public static final StructType RECOMMENDATIONS_SCHEMA =
      schema(
          intField("user_id"),
          intArray("playlists"),
          field("scores", DataTypes.createArrayType(DataTypes.FloatType)));

  private static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, false);
  }

  private static StructField intField(String name) {
    return field(name, DataTypes.IntegerType);
  }

  // Elements are declared nullable: Spark cannot cast an array that may hold nulls into one that
  // may not, and most array expressions produce the nullable kind.
  private static StructField intArray(String name) {
    return field(name, DataTypes.createArrayType(DataTypes.IntegerType));
  }
}
