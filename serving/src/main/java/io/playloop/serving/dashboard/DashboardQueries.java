package io.playloop.serving.dashboard;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads the dashboard tables (written by the metrics job) and pipeline_runs for a date range. */
final class DashboardQueries {
  /** The feedback board's charts: title, then the (metric, segment) lines it draws. */
  static final Map<String, List<String[]>> FEEDBACK_CHARTS = new LinkedHashMap<>();

  static {
    FEEDBACK_CHARTS.put(
        "Feedback per day", List.<String[]>of(new String[] {"feedback_volume", ""}));
    FEEDBACK_CHARTS.put(
        "Users per day and per week",
        List.of(new String[] {"daily_users", ""}, new String[] {"weekly_users", ""}));
    FEEDBACK_CHARTS.put(
        "Cumulative feedback and distinct users",
        List.of(new String[] {"cumulative_feedback", ""}, new String[] {"distinct_users", ""}));
    FEEDBACK_CHARTS.put(
        "Average feedback score (reciprocal rank of the liked playlist)",
        List.<String[]>of(new String[] {"feedback_score", ""}));
    FEEDBACK_CHARTS.put(
        "Share of feedback from power users",
        List.of(
            new String[] {"power_user_share", "top1"}, new String[] {"power_user_share", "top10"}));
    FEEDBACK_CHARTS.put(
        "Invalid user-blocks", List.<String[]>of(new String[] {"invalid_blocks", ""}));
  }

  private final DataSource dataSource;

  DashboardQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The newest day with any dashboard row, or null when the metrics job never ran. */
  LocalDate latestDay() throws SQLException {
    try (Connection c = dataSource.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT GREATEST((SELECT MAX(day) FROM dashboard_feedback),"
                        + " (SELECT MAX(day) FROM dashboard_training))")) {
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
              "SELECT MAX(day) FROM dashboard_training WHERE metric = 'user_blocks'"
                  + " AND day BETWEEN ? AND ?",
              from,
              to);
      Map<String, Double> training = new LinkedHashMap<>();
      if (trainingDay != null) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT metric, segment, value FROM dashboard_training WHERE day = ?"
                    + " AND metric <> 'user_blocks_in_batch' ORDER BY metric, segment")) {
          ps.setDate(1, Date.valueOf(trainingDay));
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
              "SELECT segment, day, value FROM dashboard_training"
                  + " WHERE metric = 'user_blocks_in_batch' AND day BETWEEN ? AND ? ORDER BY day",
              from,
              to);

      LocalDate feedbackDay =
          maxDay(c, "SELECT MAX(day) FROM dashboard_feedback WHERE day BETWEEN ? AND ?", from, to);
      Map<String, Double> latest = new LinkedHashMap<>();
      if (feedbackDay != null) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT metric, segment, value FROM dashboard_feedback WHERE day = ?")) {
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
                  + " FROM dashboard_feedback WHERE day BETWEEN ? AND ? ORDER BY day",
              from,
              to);
      for (Map.Entry<String, List<String[]>> chart : FEEDBACK_CHARTS.entrySet()) {
        Map<String, List<SvgChart.Point>> lines = new LinkedHashMap<>();
        for (String[] line : chart.getValue()) {
          String k = key(line[0], line[1]);
          lines.put(k, all.getOrDefault(k, List.of()));
        }
        feedbackSeries.put(chart.getKey(), lines);
      }
      Map<String, List<SvgChart.Point>> online =
          series(
              c,
              "SELECT model_version, day, value FROM dashboard_models"
                  + " WHERE metric = 'online_score' AND day BETWEEN ? AND ? ORDER BY day",
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
          runs(c, from, to));
    }
  }

  static String key(String metric, String segment) {
    return segment == null || segment.isEmpty() ? metric : metric + ":" + segment;
  }

  private static LocalDate maxDay(Connection c, String sql, LocalDate from, LocalDate to)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setDate(1, Date.valueOf(from));
      ps.setDate(2, Date.valueOf(to));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Date d = rs.getDate(1);
        return d == null ? null : d.toLocalDate();
      }
    }
  }

  private static Map<String, List<SvgChart.Point>> series(
      Connection c, String sql, LocalDate from, LocalDate to) throws SQLException {
    Map<String, List<SvgChart.Point>> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setDate(1, Date.valueOf(from));
      ps.setDate(2, Date.valueOf(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new SvgChart.Point(rs.getDate(2).toLocalDate(), rs.getDouble(3)));
        }
      }
    }
    return out;
  }

  private static List<DashboardData.Run> runs(Connection c, LocalDate from, LocalDate to)
      throws SQLException {
    List<DashboardData.Run> runs = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT job, status, started_at, finished_at, rows_in, rows_out, error"
                + " FROM pipeline_runs WHERE started_at < ?::date + 1 AND started_at >= ?::date"
                + " ORDER BY started_at DESC, id DESC LIMIT 50")) {
      ps.setString(1, to.toString());
      ps.setString(2, from.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp finished = rs.getTimestamp(4);
          long in = rs.getLong(5);
          Long rowsIn = rs.wasNull() ? null : in;
          long out = rs.getLong(6);
          Long rowsOut = rs.wasNull() ? null : out;
          runs.add(
              new DashboardData.Run(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getTimestamp(3).toInstant(),
                  finished == null ? null : finished.toInstant(),
                  rowsIn,
                  rowsOut,
                  rs.getString(7)));
        }
      }
    }
    return runs;
  }
}
