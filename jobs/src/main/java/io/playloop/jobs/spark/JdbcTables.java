package io.playloop.jobs.spark;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads PostgreSQL tables into Spark, split into ranges of a numeric key for parallel reads. */
public final class JdbcTables {
  private static final long ROWS_PER_PARTITION = 250_000;

  private JdbcTables() {}

  /** The rows of {@code query} (a table name or "(SELECT ...) AS alias"). */
  public static Dataset<Row> read(SparkSession spark, DbSettings db, String query) {
    return reader(spark, db).option("dbtable", query).load();
  }

  /**
   * The rows of {@code table}, split on its numeric column {@code key} so that big tables are read
   * by several tasks at once.
   */
  public static Dataset<Row> readPartitioned(
      SparkSession spark, DbSettings db, String table, String key) {
    long min;
    long max;
    long rows;
    try (Connection c = Database.connect(db);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COALESCE(MIN("
                        + key
                        + "),0), COALESCE(MAX("
                        + key
                        + "),0), COUNT(*)"
                        + " FROM "
                        + table)) {
      rs.next();
      min = rs.getLong(1);
      max = rs.getLong(2);
      rows = rs.getLong(3);
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
    int partitions = (int) Math.max(1, Math.min(64, rows / ROWS_PER_PARTITION + 1));
    return reader(spark, db)
        .option("dbtable", table)
        .option("partitionColumn", key)
        .option("lowerBound", min)
        .option("upperBound", max + 1)
        .option("numPartitions", partitions)
        .option("fetchsize", 10_000)
        .load();
  }

  private static DataFrameReader reader(SparkSession spark, DbSettings db) {
    return spark
        .read()
        .format("jdbc")
        .option("driver", "org.postgresql.Driver")
        .option("url", db.url())
        .option("user", db.user())
        .option("password", db.password());
  }
}
