package io.playloop.jobs.quality;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The reasons a user-block is invalid (the dashboard's data-quality definition), as Spark columns:
 * the metrics job counts them and the extract job keeps such blocks out, so both agree on what
 * "invalid" means.
 */
public final class BlockChecks {
  /** The (user, positive) pair already has an earlier block: the repeat is invalid. */
  public static final String DUPLICATE_PAIR = "duplicate_pair";

  /** No negatives at all. */
  public static final String EMPTY_NEGATIVES = "empty_negatives";

  /** The same negative twice in one block. */
  public static final String DUPLICATE_NEGATIVES = "duplicate_negatives";

  /** The positive is also among the block's negatives. */
  public static final String POSITIVE_IN_NEGATIVES = "positive_in_negatives";

  public static final List<String> REASONS =
      List.of(DUPLICATE_PAIR, EMPTY_NEGATIVES, DUPLICATE_NEGATIVES, POSITIVE_IN_NEGATIVES);

  private BlockChecks() {}

  /**
   * Adds one boolean column per reason, named after it, to blocks with columns {@code userCol},
   * {@code positiveCol}, {@code negativesCol}; {@code orderCol} decides which block of a repeated
   * pair is the first (valid) one. Also adds {@code invalid}: any reason holds.
   */
  public static Dataset<Row> flag(
      Dataset<Row> blocks,
      String userCol,
      String positiveCol,
      String negativesCol,
      String orderCol) {
    Column negatives = coalesce(col(negativesCol), lit(new int[0]).cast("array<int>"));
    Dataset<Row> flagged =
        blocks
            .withColumn(
                "__pair_rank",
                row_number()
                    .over(
                        Window.partitionBy(col(userCol), col(positiveCol)).orderBy(col(orderCol))))
            .withColumn(DUPLICATE_PAIR, col("__pair_rank").gt(1))
            .withColumn(EMPTY_NEGATIVES, size(negatives).leq(0))
            .withColumn(DUPLICATE_NEGATIVES, size(array_distinct(negatives)).lt(size(negatives)))
            .withColumn(
                POSITIVE_IN_NEGATIVES,
                when(size(negatives).gt(0), array_contains(negatives, col(positiveCol)))
                    .otherwise(lit(false)))
            .drop("__pair_rank");
    Column any = lit(false);
    for (String reason : REASONS) {
      any = any.or(col(reason));
    }
    return flagged.withColumn("invalid", any);
  }

  /** Counts per reason and in total ("invalid") over flagged blocks, grouped by {@code keys}. */
  public static Column[] counts() {
    Column[] out = new Column[REASONS.size() + 1];
    for (int i = 0; i < REASONS.size(); i++) {
      out[i] = count(when(col(REASONS.get(i)), lit(1))).as(REASONS.get(i));
    }
    out[REASONS.size()] = count(when(col("invalid"), lit(1))).as("invalid");
    return out;
  }
}
