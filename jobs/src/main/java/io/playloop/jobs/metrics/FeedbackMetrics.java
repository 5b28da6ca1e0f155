package io.playloop.jobs.metrics;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.playloop.core.dashboard.DashboardMetric;
import io.playloop.jobs.quality.BlockChecks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The feedback board, one row per metric per day: who gave feedback, how much, how concentrated on
 * power users, how much of it is invalid, and how well what was served matched what was liked.
 */
public final class FeedbackMetrics {
  /** A feedback without request_id is matched to the user's latest impression this recent. */
  static final String IMPRESSION_MATCH_WINDOW = "INTERVAL 1 HOUR";

  private FeedbackMetrics() {}

  /** The figures of each day, computed over the whole feedback table (so reruns agree). */
  public static List<MetricRow> daily(Dataset<Row> feedback, Dataset<Row> impressions) {
    Dataset<Row> fb = feedback.withColumn("day", to_date(col("created_at"))).cache();
    try {
      List<MetricRow> rows = new ArrayList<>();
      volumes(fb, rows);
      weeklyUsers(fb, rows);
      powerUsers(fb, rows);
      invalidBlocks(fb, rows);
      for (Row r :
          scored(fb, impressions)
              .groupBy("day")
              .agg(avg("reciprocal_rank"), count(lit(1)))
              .collectAsList()) {
        LocalDate day = r.getDate(0).toLocalDate();
        rows.add(new MetricRow(day, DashboardMetric.FEEDBACK_SCORE, "", r.getDouble(1)));
        rows.add(new MetricRow(day, DashboardMetric.SCORED_FEEDBACK, "", r.getLong(2)));
      }
      bySlot(fb, impressions, rows);
      return rows;
    } finally {
      fb.unpersist();
    }
  }

  /** Online score and volume of each model version per day. */
  public static List<ModelMetricRow> perModel(Dataset<Row> feedback, Dataset<Row> impressions) {
    Dataset<Row> fb = feedback.withColumn("day", to_date(col("created_at")));
    List<ModelMetricRow> rows = new ArrayList<>();
    for (Row r :
        scored(fb, impressions)
            .where(col("served_by").isNotNull())
            .groupBy("day", "served_by")
            .agg(avg("reciprocal_rank"), count(lit(1)))
            .collectAsList()) {
      LocalDate day = r.getDate(0).toLocalDate();
      rows.add(
          new ModelMetricRow(day, r.getString(1), DashboardMetric.ONLINE_SCORE, r.getDouble(2)));
      rows.add(
          new ModelMetricRow(day, r.getString(1), DashboardMetric.FEEDBACK_VOLUME, r.getLong(3)));
    }
    return rows;
  }

  /**
   * The online score of exploited and of explored positions apart, per day. A like scores its
   * reciprocal rank in the slot kind of the position it was served at, 0 in the other kind; the
   * exploit score averages over all matched feedback, the explore score over feedback matched to an
   * impression that explored (so the two are not diluted by requests without exploration).
   */
  private static void bySlot(Dataset<Row> fb, Dataset<Row> impressions, List<MetricRow> rows) {
    Dataset<Row> s = scored(fb, impressions);
    Column explorePart = when(col("explored_at_like"), col("reciprocal_rank")).otherwise(lit(0.0));
    for (Row r :
        s.groupBy("day")
            .agg(
                avg(when(col("explored_at_like"), lit(0.0)).otherwise(col("reciprocal_rank"))),
                avg(when(col("explores"), explorePart)),
                sum(when(col("explores"), lit(1L)).otherwise(lit(0L))))
            .collectAsList()) {
      LocalDate day = r.getDate(0).toLocalDate();
      rows.add(
          new MetricRow(
              day, DashboardMetric.ONLINE_SCORE_BY_SLOT, DashboardMetric.EXPLOIT, r.getDouble(1)));
      if (!r.isNullAt(2)) {
        rows.add(
            new MetricRow(
                day,
                DashboardMetric.ONLINE_SCORE_BY_SLOT,
                DashboardMetric.EXPLORE,
                r.getDouble(2)));
        rows.add(
            new MetricRow(
                day, DashboardMetric.EXPLORED_FEEDBACK, DashboardMetric.EXPLORE, r.getLong(3)));
      }
    }
  }

  private static void volumes(Dataset<Row> fb, List<MetricRow> rows) {
    Map<LocalDate, long[]> byDay = new TreeMap<>();
    for (Row r :
        fb.groupBy("day").agg(count(lit(1)), countDistinct(col("user_id"))).collectAsList()) {
      byDay.put(r.getDate(0).toLocalDate(), new long[] {r.getLong(1), r.getLong(2), 0});
    }
    for (Row r :
        fb.groupBy("user_id")
            .agg(min("day").as("first_day"))
            .groupBy("first_day")
            .count()
            .collectAsList()) {
      byDay.get(r.getDate(0).toLocalDate())[2] = r.getLong(1);
    }
    long cumulative = 0;
    long users = 0;
    for (Map.Entry<LocalDate, long[]> e : byDay.entrySet()) {
      long[] v = e.getValue();
      cumulative += v[0];
      users += v[2];
      rows.add(new MetricRow(e.getKey(), DashboardMetric.FEEDBACK_VOLUME, "", v[0]));
      rows.add(new MetricRow(e.getKey(), DashboardMetric.DAILY_USERS, "", v[1]));
      rows.add(new MetricRow(e.getKey(), DashboardMetric.CUMULATIVE_FEEDBACK, "", cumulative));
      rows.add(new MetricRow(e.getKey(), DashboardMetric.DISTINCT_USERS, "", users));
      rows.add(new MetricRow(e.getKey(), DashboardMetric.NEW_USERS, "", v[2]));
    }
  }

  /** Distinct users over the seven days ending on each day with feedback. */
  private static void weeklyUsers(Dataset<Row> fb, List<MetricRow> rows) {
    Dataset<Row> days = fb.select(col("day").as("d")).distinct();
    Dataset<Row> userDays = fb.select("user_id", "day").distinct();
    Dataset<Row> weekly =
        days.join(
                userDays,
                userDays
                    .col("day")
                    .leq(days.col("d"))
                    .and(userDays.col("day").gt(date_sub(days.col("d"), 7))))
            .groupBy("d")
            .agg(countDistinct("user_id"));
    for (Row r : weekly.collectAsList()) {
      rows.add(
          new MetricRow(
              r.getDate(0).toLocalDate(), DashboardMetric.WEEKLY_USERS, "", r.getLong(1)));
    }
  }

  /**
   * Share of the day's feedback given by its top 1% and top 10% of users (at least one user each):
   * a high share means a few power users dominate what the model learns from.
   */
  private static void powerUsers(Dataset<Row> fb, List<MetricRow> rows) {
    Dataset<Row> perUser = fb.groupBy("day", "user_id").agg(count(lit(1)).as("n"));
    Dataset<Row> ranked =
        perUser
            .withColumn(
                "rank",
                row_number()
                    .over(Window.partitionBy("day").orderBy(col("n").desc(), col("user_id"))))
            .withColumn("users", count(lit(1)).over(Window.partitionBy("day")))
            .withColumn("total", sum("n").over(Window.partitionBy("day")));
    Dataset<Row> shares =
        ranked
            .groupBy("day")
            .agg(
                sum(when(col("rank").leq(expr("greatest(1, ceil(users * 0.01))")), col("n"))
                        .otherwise(0))
                    .divide(max("total"))
                    .as(DashboardMetric.TOP_1_PERCENT),
                sum(when(col("rank").leq(expr("greatest(1, ceil(users * 0.10))")), col("n"))
                        .otherwise(0))
                    .divide(max("total"))
                    .as(DashboardMetric.TOP_10_PERCENT));
    for (Row r : shares.collectAsList()) {
      LocalDate day = r.getDate(0).toLocalDate();
      rows.add(
          new MetricRow(
              day,
              DashboardMetric.POWER_USER_SHARE,
              DashboardMetric.TOP_1_PERCENT,
              r.getDouble(1)));
      rows.add(
          new MetricRow(
              day,
              DashboardMetric.POWER_USER_SHARE,
              DashboardMetric.TOP_10_PERCENT,
              r.getDouble(2)));
    }
  }

  private static void invalidBlocks(Dataset<Row> fb, List<MetricRow> rows) {
    Dataset<Row> flagged =
        BlockChecks.flag(fb, "user_id", "like_playlist", "other_playlists", "id");
    var counts = BlockChecks.counts();
    for (Row r :
        flagged
            .groupBy("day")
            .agg(counts[0], java.util.Arrays.copyOfRange(counts, 1, counts.length))
            .collectAsList()) {
      LocalDate day = r.getDate(0).toLocalDate();
      rows.add(
          new MetricRow(
              day, DashboardMetric.INVALID_BLOCKS, "", r.getLong(r.fieldIndex("invalid"))));
      for (String reason : BlockChecks.REASONS) {
        rows.add(
            new MetricRow(
                day, DashboardMetric.INVALID_BLOCKS, reason, r.getLong(r.fieldIndex(reason))));
      }
    }
  }

  /**
   * Each feedback matched to what was served: by request_id (the part before the first '.': the
   * server may append a tag to the id it logged), else the user's latest impression within the
   * match window before the feedback. reciprocal_rank is 1/position of the liked playlist in the
   * served list (0 when it was not served); served_by names the model version; explores says
   * whether the impression explored any position, explored_at_like whether the liked playlist's
   * position was one of them.
   */
  static Dataset<Row> scored(Dataset<Row> fb, Dataset<Row> impressions) {
    Dataset<Row> imp =
        impressions.select(
            col("request_id").as("imp_request_id"),
            col("user_id").as("imp_user_id"),
            col("model_version").as("imp_model_version"),
            col("playlists").as("served"),
            col("served_at"),
            col("explored_positions").cast("array<int>").as("explored"));
    Dataset<Row> byRequest =
        fb.where(col("request_id").isNotNull())
            .join(
                imp,
                substring_index(col("request_id"), ".", 1)
                    .equalTo(col("imp_request_id"))
                    .and(col("user_id").equalTo(col("imp_user_id"))));
    Dataset<Row> byTime =
        fb.where(col("request_id").isNull())
            .join(
                imp,
                col("user_id")
                    .equalTo(col("imp_user_id"))
                    .and(col("served_at").leq(col("created_at")))
                    .and(col("served_at").geq(expr("created_at - " + IMPRESSION_MATCH_WINDOW))))
            .withColumn(
                "__latest",
                row_number().over(Window.partitionBy("id").orderBy(col("served_at").desc())))
            .where(col("__latest").equalTo(1))
            .drop("__latest");
    Dataset<Row> matched = byRequest.unionByName(byTime);
    return matched
        .withColumn("position", array_position(col("served"), col("like_playlist")))
        .withColumn(
            "reciprocal_rank",
            when(col("position").gt(0), lit(1.0).divide(col("position"))).otherwise(lit(0.0)))
        .withColumn("served_by", coalesce(col("model_version"), col("imp_model_version")))
        .withColumn("explores", coalesce(size(col("explored")).gt(0), lit(false)))
        .withColumn(
            "explored_at_like",
            coalesce(
                col("position").gt(0).and(array_contains(col("explored"), col("position"))),
                lit(false)))
        .select(
            "id", "day", "user_id", "reciprocal_rank", "served_by", "explores", "explored_at_like");
  }
}
