package io.playloop.jobs.importer;

import static org.apache.spark.sql.functions.col;

import io.playloop.jobs.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Reads an external interactions file (CSV/TSV, MovieLens u.data, Last.fm user_artists.dat) from
 * any Hadoop path (local, file:, s3a:) into rows of user_id, item_id, weight, event_time, counting
 * the bad rows by line number instead of failing on the first.
 */
public final class InteractionsReader {
  /** The usable rows' schema. */
  public static final StructType SCHEMA =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("item_id", DataTypes.IntegerType, false)
          .add("weight", DataTypes.DoubleType, false)
          .add("event_time", DataTypes.TimestampType, true);

  private static final StructType PARSED =
      new StructType()
          .add("line_no", DataTypes.LongType, false)
          .add("user_id", DataTypes.IntegerType, false)
          .add("item_id", DataTypes.IntegerType, false)
          .add("weight", DataTypes.DoubleType, false)
          .add("event_time", DataTypes.TimestampType, true)
          .add("error", DataTypes.StringType, true);

  private static final int SAMPLES = 5;

  private final SparkSession spark;

  public InteractionsReader(SparkSession spark) {
    this.spark = spark;
  }

  /** Reads {@code input} as {@code format} describes (undecided choices detected from line 1). */
  public Interactions read(String input, InteractionsFormat format) {
    InputLayout layout = format.resolve(firstLine(input));
    LineParser parser = new LineParser(layout);
    boolean skipHeader = layout.header();
    JavaRDD<String> lines = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(input);
    JavaRDD<Row> parsed =
        lines
            .zipWithIndex()
            .filter(t -> !(skipHeader && t._2() == 0) && !t._1().isBlank())
            .map(toRowOf(parser));
    Dataset<Row> all =
        spark.createDataFrame(parsed, PARSED).persist(StorageLevel.MEMORY_AND_DISK());
    Row counts =
        all.agg(
                org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.count(col("error")))
            .head();
    long dataLines = counts.getLong(0);
    long bad = counts.getLong(1);
    List<BadRows.Sample> samples = new ArrayList<>();
    if (bad > 0) {
      for (Row r :
          all.filter(col("error").isNotNull())
              .orderBy("line_no")
              .select("line_no", "error")
              .limit(SAMPLES)
              .collectAsList()) {
        samples.add(new BadRows.Sample(r.getLong(0), r.getString(1)));
      }
    }
    Dataset<Row> good =
        all.filter(col("error").isNull()).select("user_id", "item_id", "weight", "event_time");
    return new Interactions(
        spark.createDataFrame(good.rdd(), SCHEMA),
        new BadRows(bad, dataLines, samples),
        layout,
        all);
  }

  private static org.apache.spark.api.java.function.Function<Tuple2<String, Long>, Row> toRowOf(
      LineParser parser) {
    return t -> {
      LineParser.Parsed p = parser.parse(stripBom(t._1()));
      return RowFactory.create(t._2() + 1, p.user(), p.item(), p.weight(), p.time(), p.error());
    };
  }

  private String firstLine(String input) {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path) || !fs.getFileStatus(path).isFile()) {
        throw new UsageException("--input " + input + ": no such file");
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
        String line = r.readLine();
        while (line != null && line.isBlank()) {
          line = r.readLine();
        }
        return line == null ? null : stripBom(line);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + input + ": " + e.getMessage(), e);
    }
  }

  private static String stripBom(String line) {
    return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
  }
}
