package io.playloop.jobs.notebooks;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs SQL statements on whichever Spark and Delta Lake are on the classpath and prints their rows.
 * Uses only Spark's public API and the JDK, so that it runs in a JVM whose classpath is another
 * Spark release and this class alone:
 *
 * <pre>java -cp SPARK_JARS:DIR io.playloop.jobs.notebooks.SparkSqlReader CONF_FILE SQL_FILE</pre>
 *
 * CONF_FILE holds Spark properties (a Zeppelin %spark.conf paragraph's body); SQL_FILE holds
 * statements separated by lines of ";;".
 */
public final class SparkSqlReader {
  static final String SEPARATOR = "\n;;\n";

  private SparkSqlReader() {}

  public static void main(String[] args) throws Exception {
    Properties conf = new Properties();
    conf.load(new StringReader(Files.readString(Path.of(args[0]))));
    SparkSession.Builder builder =
        SparkSession.builder()
            .master("local[2]")
            .appName("spark-sql-reader")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4");
    for (String key : conf.stringPropertyNames()) {
      // Packages are Zeppelin's business (spark-submit --packages); the classpath has them here.
      if (!key.equals("spark.jars.packages")) {
        builder.config(key, conf.getProperty(key));
      }
    }
    SparkSession spark = builder.getOrCreate();
    List<String> statements = Arrays.asList(Files.readString(Path.of(args[1])).split(SEPARATOR));
    System.out.println("spark-version " + spark.version());
    System.out.print(render(spark, statements));
    spark.stop();
  }

  /**
   * Each statement's rows, one per line, under "=== N". A table's history shows only each version's
   * number and operation: its other columns describe the writer, not the data.
   */
  public static String render(SparkSession spark, List<String> statements) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < statements.size(); i++) {
      String sql = statements.get(i);
      boolean history = sql.trim().toUpperCase().startsWith("DESCRIBE HISTORY");
      out.append("=== ").append(i).append('\n');
      for (Row row : spark.sql(sql).collectAsList()) {
        out.append(history ? row.get(0) + " " + row.get(4) : row.toString()).append('\n');
      }
    }
    return out.toString();
  }
}
