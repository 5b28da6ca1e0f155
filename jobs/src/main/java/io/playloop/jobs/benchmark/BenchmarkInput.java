package io.playloop.jobs.benchmark;

import io.playloop.jobs.UsageException;
import io.playloop.jobs.importer.BadRowLimit;
import io.playloop.jobs.importer.InteractionsFormat;
import io.playloop.jobs.importer.InteractionsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Reads one benchmark file in the chosen format: adjacency lines on the driver, the importer's
 * formats (movielens, lastfm, csv) through the importer's reader with its bad-row limit.
 */
public final class BenchmarkInput {
  public static final String ADJACENCY = "adjacency";

  private final SparkSession spark;
  private final String format;
  private final BadRowLimit badRows;

  public BenchmarkInput(SparkSession spark, String format, BadRowLimit badRows) {
    this.spark = spark;
    this.format = checkedFormat(format);
    this.badRows = badRows;
  }

  /** --format, checked: one of the importer's layouts or adjacency. */
  public static String checkedFormat(String format) {
    if (!format.equals(ADJACENCY)
        && !java.util.List.of("movielens", "lastfm", "csv", "tsv").contains(format)) {
      throw new UsageException(
          "--format must be movielens, lastfm, csv or adjacency, got '" + format + "'");
    }
    return format;
  }

  /** The interactions of {@code file}, given on the command line as --{@code option}. */
  public InteractionArrays read(String file, String option) {
    if (!file.contains("://") && !Files.isRegularFile(Path.of(file))) {
      throw new UsageException("--" + option + " " + file + ": no such file");
    }
    if (format.equals(ADJACENCY)) {
      return AdjacencyReader.read(Path.of(file), option);
    }
    var read =
        new InteractionsReader(spark)
            .read(file, InteractionsFormat.byName(format))
            .requireWithin(badRows);
    try {
      return InteractionArrays.of(read.rows());
    } finally {
      read.release();
    }
  }
}
