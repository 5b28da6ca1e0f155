package io.playloop.jobs.lake;

import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lake: one root URI (file: or s3a:) under which every dataset is a Delta table. Writes are
 * atomic (one Delta commit) and idempotent (overwrites replace; appends carry a txn id).
 */
public final class Lake {
  private final SparkSession spark;
  private final String root;

  public Lake(SparkSession spark, String rootUri) {
    this.spark = spark;
    this.root = normalize(rootUri);
  }

  /** file:./lake becomes an absolute file: URI so that executors elsewhere agree on it. */
  static String normalize(String uri) {
    String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    if (trimmed.startsWith("file:") && !trimmed.startsWith("file:/")) {
      return new java.io.File(trimmed.substring("file:".length()))
          .getAbsoluteFile()
          .toURI()
          .toString()
          .replaceAll("/$", "");
    }
    if (!trimmed.contains(":")) {
      return new java.io.File(trimmed).getAbsoluteFile().toURI().toString().replaceAll("/$", "");
    }
    return trimmed;
  }

  public String root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  /** The full URI of a path below the root. */
  public String uri(String relativePath) {
    return root + "/" + relativePath;
  }

  public String uri(LakeTable dataset) {
    return uri(dataset.path());
  }

  public boolean exists(String relativePath) {
    return DeltaTable.isDeltaTable(spark, uri(relativePath));
  }

  public boolean exists(LakeTable dataset) {
    return exists(dataset.path());
  }

  public Dataset<Row> read(LakeTable dataset) {
    return read(dataset.path());
  }

  public Dataset<Row> read(String relativePath) {
    return spark.read().format("delta").load(uri(relativePath));
  }

  /** The table as it was at {@code version} (time travel). */
  public Dataset<Row> readVersion(String relativePath, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(uri(relativePath));
  }

  /** The newest committed version of a table, or -1 when it does not exist. */
  public long version(String relativePath) {
    if (!exists(relativePath)) {
      return -1;
    }
    Row last = DeltaTable.forPath(spark, uri(relativePath)).history(1).select("version").head();
    return last.getLong(0);
  }

  public long version(LakeTable dataset) {
    return version(dataset.path());
  }

  /** Replaces the whole table in one commit, with the dataset's schema and partitioning. */
  public void overwrite(LakeTable dataset, Dataset<Row> rows) {
    writer(conform(dataset, rows), dataset, "overwrite")
        .option("overwriteSchema", "true")
        .save(uri(dataset));
  }

  /** Replaces the rows that match {@code predicate} (for example one partition), in one commit. */
  public void replaceWhere(LakeTable dataset, Dataset<Row> rows, String predicate) {
    writer(conform(dataset, rows), dataset, "overwrite")
        .option("replaceWhere", predicate)
        .save(uri(dataset));
  }

  /**
   * Appends in one commit, at most once per (appId, appVersion): a rerun with the same pair is a
   * no-op, so a crashed job can simply be run again. A column the table's layout gained since the
   * table was written (positives_splits.source) is added to it; older rows read it as null.
   */
  public void appendOnce(LakeTable dataset, Dataset<Row> rows, String appId, long appVersion) {
    writer(conform(dataset, rows), dataset, "append")
        .option("mergeSchema", "true")
        .option("txnAppId", appId)
        .option("txnVersion", appVersion)
        .option("userMetadata", appId + "=" + appVersion)
        .save(uri(dataset));
  }

  /**
   * The highest txnVersion that {@link #appendOnce} committed for {@code appId}, with the table
   * version of that commit; null when there is none. Lets a rerun recognise its own earlier,
   * interrupted work.
   */
  public AppendMark lastAppend(LakeTable dataset, String appId) {
    if (!exists(dataset)) {
      return null;
    }
    String prefix = appId + "=";
    AppendMark best = null;
    for (Row r :
        DeltaTable.forPath(spark, uri(dataset))
            .history()
            .select("version", "userMetadata")
            .where("userMetadata IS NOT NULL")
            .collectAsList()) {
      String meta = r.getString(1);
      if (meta.startsWith(prefix)) {
        long appVersion = Long.parseLong(meta.substring(prefix.length()));
        if (best == null || appVersion > best.appVersion()) {
          best = new AppendMark(appVersion, r.getLong(0));
        }
      }
    }
    return best;
  }

  /** One idempotent append: the app's version number and the table version it became. */
  public record AppendMark(long appVersion, long tableVersion) {}

  /** Replaces a free-form table below the root (models/<v>/..., recommendations/<v>). */
  public void overwrite(String relativePath, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(uri(relativePath));
  }

  /** VACUUM never removes files younger than this: a reader that is still running needs them. */
  public static final double MIN_VACUUM_HOURS = 7 * 24;

  /**
   * Deletes rows matching {@code predicate}, then removes files older than the retention (at least
   * {@link #MIN_VACUUM_HOURS}; Delta's own retention check stays on as a second guard).
   */
  public void deleteAndVacuum(LakeTable dataset, String predicate, double retentionHours) {
    if (retentionHours < MIN_VACUUM_HOURS) {
      throw new IllegalArgumentException(
          "VACUUM must keep at least "
              + MIN_VACUUM_HOURS
              + " hours of deleted files, asked for "
              + retentionHours);
    }
    if (!exists(dataset)) {
      return;
    }
    DeltaTable table = DeltaTable.forPath(spark, uri(dataset));
    table.delete(predicate);
    // Delta ignores vacuum's own argument in favour of these table properties; the log must be
    // kept at least as long as the files it points to.
    long minutes = Math.round(retentionHours * 60);
    long logMinutes = Math.max(minutes, 30L * 24 * 60);
    spark.sql(
        "ALTER TABLE delta.`"
            + uri(dataset)
            + "` SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval "
            + minutes
            + " minutes', 'delta.logRetentionDuration' = 'interval "
            + logMinutes
            + " minutes')");
    table.vacuum(retentionHours);
  }

  /** Table versions of the given datasets, for a model's record of what it trained on. */
  public Map<String, Long> versions(LakeTable... datasets) {
    return Arrays.stream(datasets)
        .collect(
            java.util.stream.Collectors.toMap(
                LakeTable::path, this::version, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  private static Dataset<Row> conform(LakeTable dataset, Dataset<Row> rows) {
    Column[] columns =
        Arrays.stream(dataset.schema().fields())
            .map(f -> rows.col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new);
    return rows.select(columns);
  }

  private static DataFrameWriter<Row> writer(Dataset<Row> rows, LakeTable dataset, String mode) {
    DataFrameWriter<Row> w = rows.write().format("delta").mode(mode);
    if (!dataset.partitionColumns().isEmpty()) {
      w = w.partitionBy(dataset.partitionColumns().toArray(String[]::new));
    }
    return w;
  }
}
