package io.playloop.jobs.importer;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/** Item titles from a pipe-delimited file such as MovieLens u.item (id|title|...), Latin-1. */
public final class ItemTitles {
  private ItemTitles() {}

  /** The titles in {@code file} as (item_id, title); rows with a bad id are skipped. */
  public static Dataset<Row> read(SparkSession spark, String file) {
    return spark
        .read()
        .option("sep", "|")
        .option("header", "false")
        .option("encoding", "ISO-8859-1")
        .option("quote", "\u0000")
        .csv(file)
        .select(col("_c0").cast(DataTypes.IntegerType).as("item_id"), col("_c1").as("title"))
        .filter(col("item_id").isNotNull().and(col("title").isNotNull()))
        .dropDuplicates("item_id");
  }

  /** MovieLens keeps u.item beside u.data: its path when it is there, else null. */
  public static String besideMovieLens(SparkSession spark, String input) {
    Path uItem = new Path(new Path(input).getParent(), "u.item");
    try {
      FileSystem fs = uItem.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(uItem) ? uItem.toString() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
