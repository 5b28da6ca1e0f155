package io.playloop.jobs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.playloop.core.dashboard.DashboardMetric;
import io.playloop.jobs.quality.BlockChecks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The training board: what the lake's user-blocks look like today, and per batch. */
public final class TrainingMetrics {
  private TrainingMetrics() {}

  /**
   * Snapshot figures of {@code triplets} (rows of the lake's triplets_data) dated {@code today},
   * plus the blocks of each batch dated by the batch.
   */
  public static List<MetricRow> compute(Dataset<Row> triplets, LocalDate today) {
    Dataset<Row> flagged =
        BlockChecks.flag(
            triplets, "user_id", "playlist_id_positive", "playlist_id_negative_list", "event_time");
    List<Column> aggs = new ArrayList<>();
    aggs.add(countDistinct(col("user_id")).as("users"));
    aggs.add(count(lit(1)).as("blocks"));
    aggs.addAll(List.of(BlockChecks.counts()));
    Row totals =
        flagged.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).head();

    List<MetricRow> rows = new ArrayList<>();
    long users = totals.getLong(totals.fieldIndex("users"));
    long blocks = totals.getLong(totals.fieldIndex("blocks"));
    rows.add(new MetricRow(today, DashboardMetric.DISTINCT_USERS, "", users));
    rows.add(new MetricRow(today, DashboardMetric.USER_BLOCKS, "", blocks));
    rows.add(
        new MetricRow(
            today,
            DashboardMetric.AVG_BLOCKS_PER_USER,
            "",
            users == 0 ? 0.0 : (double) blocks / users));
    rows.add(
        new MetricRow(
            today,
            DashboardMetric.INVALID_BLOCKS,
            "",
            totals.getLong(totals.fieldIndex("invalid"))));
    for (String reason : BlockChecks.REASONS) {
      rows.add(
          new MetricRow(
              today,
              DashboardMetric.INVALID_BLOCKS,
              reason,
              totals.getLong(totals.fieldIndex(reason))));
    }

    for (Row r :
        triplets
            .groupBy(col("batch_date"), col("source"))
            .agg(count(lit(1)).as("blocks"))
            .collectAsList()) {
      rows.add(
          new MetricRow(
              r.getDate(0).toLocalDate(),
              DashboardMetric.USER_BLOCKS_IN_BATCH,
              r.getString(1),
              r.getLong(2)));
    }
    return rows;
  }
}
