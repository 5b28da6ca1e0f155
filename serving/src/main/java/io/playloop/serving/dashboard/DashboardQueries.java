package io.playloop.serving.dashboard;

import io.playloop.core.dashboard.DashboardMetric;
import io.playloop.core.dashboard.DashboardTable;
import io.playloop.core.db.Connections;
import io.playloop.core.db.PipelineRuns;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads the dashboard tables (written by the metrics job) and pipeline_runs for a date range. */
final class DashboardQueries {
  /** One line of a chart: a metric's figures for one segment ("" for none). */
  record Line(DashboardMetric metric, String segment) {
    String key() {
      return metric.key(segment);
    }
  }

  /** The feedback board's charts: title, then the lines it draws. */
  static final Map<String, List<Line>> FEEDBACK_CHARTS = new LinkedHashMap<>();

  static {
    FEEDBACK_CHARTS.put("Feedback per day", List.of(line(DashboardMetric.FEEDBACK_VOLUME)));
    FEEDBACK_CHARTS.put(
        "Users per day and per week",
        List.of(line(DashboardMetric.DAILY_USERS), line(DashboardMetric.WEEKLY_USERS)));
    FEEDBACK_CHARTS.put(
        "Cumulative feedback and distinct users",
        List.of(line(DashboardMetric.CUMULATIVE_FEEDBACK), line(DashboardMetric.DISTINCT_USERS)));
    FEEDBACK_CHARTS.put(
        "Average feedback score (reciprocal rank of the liked playlist)",
        List.of(line(DashboardMetric.FEEDBACK_SCORE)));
    FEEDBACK_CHARTS.put(
        "Share of feedback from power users",
        List.of(
            new Line(DashboardMetric.POWER_USER_SHARE, DashboardMetric.TOP_1_PERCENT),
            new Line(DashboardMetric.POWER_USER_SHARE, DashboardMetric.TOP_10_PERCENT)));
    FEEDBACK_CHARTS.put(
        "Online score of exploited and explored positions",
        List.of(
            new Line(DashboardMetric.ONLINE_SCORE_BY_SLOT, DashboardMetric.EXPLOIT),
            new Line(DashboardMetric.ONLINE_SCORE_BY_SLOT, DashboardMetric.EXPLORE)));
    FEEDBACK_CHARTS.put("Invalid user-blocks", List.of(line(DashboardMetric.INVALID_BLOCKS)));
  }

  /** Most runs the page lists. */
  private static final int RUNS_SHOWN = 50;

  private static final String TRAINING = DashboardTable.TRAINING.table();
  private static final String FEEDBACK = DashboardTable.FEEDBACK.table();
  private static final String MODELS = DashboardTable.MODELS.table();

  private final DataSource dataSource;
  private final PipelineRuns runs;

  DashboardQueries(DataSource dataSource) {
    this.dataSource = dataSource;
    this.runs = new PipelineRuns(Connections.of(dataSource));
  }

  private static Line line(DashboardMetric metric) {
    return new Line(metric, "");
  }

  /** The newest figure of {@code metric} per model version. */
  Map<String, Double> latestPerModel(DashboardMetric metric) throws SQLException {
    Map<String, Double> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT ON (model_version) model_version, value FROM "
                    + MODELS
                    + " WHERE metric = ? ORDER BY model_version, day DESC")) {
      ps.setString(1, metric.key());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getDouble(2));
        }
      }
    }
    return out;
  }

  /** The newest figure of a feedback-board {@code metric} per segment. */
  Map<String, Double> latestPerSegment(DashboardMetric metric) throws SQLException {
    Map<String, Double> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT ON (segment) segment, value FROM "
                    + FEEDBACK
                    + " WHERE metric = ? ORDER BY segment, day DESC")) {
      ps.setString(1, metric.key());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getDouble(2));
        }
      }
    }
    return out;
  }

  /** The newest day with any dashboard row, or null when the metrics job never ran. */
  LocalDate latestDay() throws SQLException {
    try (Connection c = dataSource.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT GREATEST((SELECT MAX(day) FROM "
                        + FEEDBACK
                        + "), (SELECT MAX(day) FROM "
                        + TRAINING
                        + "))")) {
      rs.next();
      Date d = rs.getDate(1);
      return d == null ? null : d.toLocalDate();
    }
  }

  DashboardData load(LocalDate from, LocalDate to) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      LocalDate trainingDay =
          maxDay(
              c,
              "SELECT MAX(day) FROM " + TRAINING + " WHERE metric = ? AND day BETWEEN ? AND ?",
              DashboardMetric.USER_BLOCKS,
              from,
              to);
      Map<String, Double> training = new LinkedHashMap<>();
      if (trainingDay != null) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT metric, segment, value FROM "
                    + TRAINING
                    + " WHERE day = ? AND metric <> ? ORDER BY metric, segment")) {
          ps.setDate(1, Date.valueOf(trainingDay));
          ps.setString(2, DashboardMetric.USER_BLOCKS_IN_BATCH.key());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              training.put(key(rs.getString(1), rs.getString(2)), rs.getDouble(3));
            }
          }
        }
      }
      Map<String, List<SvgChart.Point>> blocksPerBatch =
          series(
              c,
              "SELECT segment, day, value FROM "
                  + TRAINING
                  + " WHERE metric = ? AND day BETWEEN ? AND ? ORDER BY day",
              DashboardMetric.USER_BLOCKS_IN_BATCH,
              from,
              to);

      LocalDate feedbackDay =
          maxDay(
              c, "SELECT MAX(day) FROM " + FEEDBACK + " WHERE day BETWEEN ? AND ?", null, from, to);
      Map<String, Double> latest = new LinkedHashMap<>();
      if (feedbackDay != null) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT metric, segment, value FROM " + FEEDBACK + " WHERE day = ?")) {
          ps.setDate(1, Date.valueOf(feedbackDay));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              latest.put(key(rs.getString(1), rs.getString(2)), rs.getDouble(3));
            }
          }
        }
      }
      Map<String, Map<String, List<SvgChart.Point>>> feedbackSeries = new LinkedHashMap<>();
      Map<String, List<SvgChart.Point>> all =
          series(
              c,
              "SELECT metric || CASE WHEN segment = '' THEN '' ELSE ':' || segment END, day, value"
                  + " FROM "
                  + FEEDBACK
                  + " WHERE day BETWEEN ? AND ? ORDER BY day",
              null,
              from,
              to);
      for (Map.Entry<String, List<Line>> chart : FEEDBACK_CHARTS.entrySet()) {
        Map<String, List<SvgChart.Point>> lines = new LinkedHashMap<>();
        for (Line line : chart.getValue()) {
          String k = line.key();
          lines.put(k, all.getOrDefault(k, List.of()));
        }
        feedbackSeries.put(chart.getKey(), lines);
      }
      Map<String, List<SvgChart.Point>> online =
          series(
              c,
              "SELECT model_version, day, value FROM "
                  + MODELS
                  + " WHERE metric = ? AND day BETWEEN ? AND ? ORDER BY day",
              DashboardMetric.ONLINE_SCORE,
              from,
              to);
      return new DashboardData(
          from,
          to,
          trainingDay,
          training,
          blocksPerBatch,
          feedbackDay,
          latest,
          feedbackSeries,
          online,
          runs.startedBetween(from, to, RUNS_SHOWN));
    }
  }

  static String key(String metric, String segment) {
    return segment == null || segment.isEmpty() ? metric : metric + ":" + segment;
  }

  /** Runs {@code sql} with parameters (metric if not null,) from, to. */
  private static LocalDate maxDay(
      Connection c, String sql, DashboardMetric metric, LocalDate from, LocalDate to)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bindMetric(ps, metric);
      ps.setDate(i, Date.valueOf(from));
      ps.setDate(i + 1, Date.valueOf(to));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Date d = rs.getDate(1);
        return d == null ? null : d.toLocalDate();
      }
    }
  }

  private static int bindMetric(PreparedStatement ps, DashboardMetric metric) throws SQLException {
    if (metric == null) {
      return 1;
    }
    ps.setString(1, metric.key());
    return 2;
  }

  private static Map<String, List<SvgChart.Point>> series(
      Connection c, String sql, DashboardMetric metric, LocalDate from, LocalDate to)
      throws SQLException {
    Map<String, List<SvgChart.Point>> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bindMetric(ps, metric);
      ps.setDate(i, Date.valueOf(from));
      ps.setDate(i + 1, Date.valueOf(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new SvgChart.Point(rs.getDate(2).toLocalDate(), rs.getDouble(3)));
        }
      }
    }
    return out;
  }
}
