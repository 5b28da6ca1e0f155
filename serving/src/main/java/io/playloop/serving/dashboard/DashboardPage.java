package io.playloop.serving.dashboard;

import io.playloop.core.dashboard.DashboardMetric;
import io.playloop.core.db.PipelineRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the data-quality dashboard as one HTML page: a training board and a feedback board of
 * number tiles and time-series charts, the online score per model version, and the pipeline runs.
 * Every tile carries its metric and raw value as data attributes.
 */
final class DashboardPage {
  /** One number tile: a metric's figure for a segment ("" for none), as a percentage or not. */
  private record Tile(DashboardMetric metric, String segment, String label, boolean percent) {
    String key() {
      return metric.key(segment);
    }
  }

  private static final List<Tile> TRAINING_TILES =
      List.of(
          tile(DashboardMetric.DISTINCT_USERS, "Distinct users"),
          tile(DashboardMetric.USER_BLOCKS, "User-blocks"),
          tile(DashboardMetric.AVG_BLOCKS_PER_USER, "User-blocks per user"),
          tile(DashboardMetric.INVALID_BLOCKS, "Invalid user-blocks"),
          invalid("duplicate_pair", "… repeated (user, positive)"),
          invalid("empty_negatives", "… no negatives"),
          invalid("duplicate_negatives", "… duplicated negatives"),
          invalid("positive_in_negatives", "… positive among negatives"));
  private static final List<Tile> FEEDBACK_TILES =
      List.of(
          tile(DashboardMetric.FEEDBACK_VOLUME, "Feedback that day"),
          tile(DashboardMetric.DAILY_USERS, "Users that day"),
          tile(DashboardMetric.WEEKLY_USERS, "Users in the last 7 days"),
          tile(DashboardMetric.CUMULATIVE_FEEDBACK, "Feedback so far"),
          tile(DashboardMetric.DISTINCT_USERS, "Distinct users so far"),
          new Tile(
              DashboardMetric.POWER_USER_SHARE,
              DashboardMetric.TOP_1_PERCENT,
              "Share of the top 1% of users",
              true),
          new Tile(
              DashboardMetric.POWER_USER_SHARE,
              DashboardMetric.TOP_10_PERCENT,
              "Share of the top 10% of users",
              true),
          tile(DashboardMetric.FEEDBACK_SCORE, "Feedback score (MRR of likes)"),
          new Tile(
              DashboardMetric.ONLINE_SCORE_BY_SLOT,
              DashboardMetric.EXPLOIT,
              "Online score, exploited positions",
              false),
          new Tile(
              DashboardMetric.ONLINE_SCORE_BY_SLOT,
              DashboardMetric.EXPLORE,
              "Online score, explored positions",
              false),
          tile(DashboardMetric.INVALID_BLOCKS, "Invalid feedback blocks"));

  private static Tile tile(DashboardMetric metric, String label) {
    return new Tile(metric, "", label, false);
  }

  /** The invalid user-blocks of one reason. */
  private static Tile invalid(String reason, String label) {
    return new Tile(DashboardMetric.INVALID_BLOCKS, reason, label, false);
  }

  private DashboardPage() {}

  static String render(DashboardData d) {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Playloop data quality</title><style>")
        .append(CSS)
        .append("</style></head><body><header><h1>Playloop data quality</h1>")
        .append("<form method=\"get\" action=\"/dashboard\" class=\"range\">")
        .append("<label>From <input type=\"date\" name=\"from\" value=\"")
        .append(d.from())
        .append("\"></label><label>To <input type=\"date\" name=\"to\" value=\"")
        .append(d.to())
        .append("\"></label><button type=\"submit\">Show</button></form></header><main>");

    b.append("<section id=\"training\"><h2>Training data</h2>");
    if (d.trainingDay() == null) {
      b.append(
          "<p class=\"empty\">The metrics job has not described the training data in this range.</p>");
    } else {
      b.append("<p class=\"asof\">As of ")
          .append(d.trainingDay())
          .append("</p><div class=\"tiles\">");
      for (Tile t : TRAINING_TILES) {
        tile(b, t.key(), t.label(), d.training().get(t.key()), t.percent());
      }
      b.append("</div>");
    }
    b.append(SvgChart.lines("User-blocks per batch, by source", d.blocksPerBatch(), false))
        .append("</section>");

    b.append("<section id=\"feedback\"><h2>Feedback</h2>");
    if (d.feedbackDay() == null) {
      b.append("<p class=\"empty\">No feedback metrics in this range.</p>");
    } else {
      b.append("<p class=\"asof\">On ").append(d.feedbackDay()).append("</p><div class=\"tiles\">");
      for (Tile t : FEEDBACK_TILES) {
        tile(b, t.key(), t.label(), d.feedbackLatest().get(t.key()), t.percent());
      }
      String freshKey = DashboardMetric.NEW_FEEDBACK_SINCE_TRAINING.key();
      Double fresh = d.feedbackLatest().get(freshKey);
      Double threshold = d.feedbackLatest().get(DashboardMetric.RETRAIN_THRESHOLD.key());
      if (fresh != null && threshold != null) {
        b.append("<div class=\"tile wide\" data-metric=\"")
            .append(freshKey)
            .append("\" data-value=\"")
            .append(raw(fresh))
            .append("\"><div class=\"label\">New feedback since the last training</div>")
            .append("<div class=\"value\">")
            .append(SvgChart.format(fresh, false))
            .append(" / ")
            .append(SvgChart.format(threshold, false))
            .append("</div><meter min=\"0\" max=\"")
            .append(raw(threshold))
            .append("\" value=\"")
            .append(raw(Math.min(fresh, threshold)))
            .append("\"></meter></div>");
      }
      b.append("</div>");
    }
    for (Map.Entry<String, Map<String, List<SvgChart.Point>>> chart :
        d.feedbackSeries().entrySet()) {
      b.append(
          SvgChart.lines(chart.getKey(), chart.getValue(), chart.getKey().startsWith("Share")));
    }
    b.append("</section>");

    b.append("<section id=\"models\"><h2>Online score per model version</h2>")
        .append(
            SvgChart.lines(
                "Online score (MRR of likes) by model version", d.onlineScoreByModel(), false))
        .append("</section>");

    b.append("<section id=\"runs\"><h2>Pipeline runs</h2>");
    if (d.runs().isEmpty()) {
      b.append("<p class=\"empty\">No runs in this range.</p>");
    } else {
      b.append(
              "<div class=\"scroll\"><table><thead><tr><th>Job</th><th>Status</th><th>Started</th>")
          .append(
              "<th>Finished</th><th>Rows in</th><th>Rows out</th><th>Error</th></tr></thead><tbody>");
      for (PipelineRun r : d.runs()) {
        b.append("<tr class=\"run ")
            .append(Html.escape(r.status().sql()))
            .append("\"><td>")
            .append(Html.escape(r.job()))
            .append("</td><td class=\"status\">")
            .append(Html.escape(r.status().sql()))
            .append("</td><td>")
            .append(r.startedAt())
            .append("</td><td>")
            .append(r.finishedAt() == null ? "" : r.finishedAt().toString())
            .append("</td><td>")
            .append(r.rowsIn() == null ? "" : SvgChart.format(r.rowsIn(), false))
            .append("</td><td>")
            .append(r.rowsOut() == null ? "" : SvgChart.format(r.rowsOut(), false))
            .append("</td><td>")
            .append(Html.escape(Secrets.mask(r.error())))
            .append("</td></tr>");
      }
      b.append("</tbody></table></div>");
    }
    return b.append("</section></main></body></html>").toString();
  }

  private static void tile(
      StringBuilder b, String metric, String label, Double value, boolean pct) {
    b.append("<div class=\"tile\" data-metric=\"")
        .append(Html.escape(metric))
        .append("\" data-value=\"")
        .append(value == null ? "" : raw(value))
        .append("\"><div class=\"label\">")
        .append(Html.escape(label))
        .append("</div><div class=\"value\">")
        .append(value == null ? "–" : SvgChart.format(value, pct))
        .append("</div></div>");
  }

  private static String raw(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  private static final String CSS =
      "body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}"
          + "header{background:#22303c;color:#fff;padding:12px 16px;display:flex;flex-wrap:wrap;"
          + "gap:12px;align-items:center;justify-content:space-between}h1{font-size:1.3rem;margin:0}"
          + ".range{display:flex;gap:8px;flex-wrap:wrap;align-items:center}.range input,.range button"
          + "{font-size:1rem;padding:4px 6px}main{padding:12px 16px;max-width:1400px;margin:auto}"
          + "section{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:16px;"
          + "box-shadow:0 1px 2px rgba(0,0,0,.08)}h2{font-size:1.1rem;margin:4px 0 8px}"
          + ".asof{color:#666;margin:0 0 8px}.tiles{display:grid;grid-template-columns:"
          + "repeat(auto-fill,minmax(170px,1fr));gap:10px;margin-bottom:12px}.tile{border:1px solid "
          + "#e3e6ea;border-radius:6px;padding:8px 10px}.tile.wide{grid-column:span 2}.tile .label"
          + "{font-size:.8rem;color:#555}.tile .value{font-size:1.5rem;font-weight:600}meter{width:100%}"
          + ".chart{display:inline-block;width:min(100%,600px);margin:0 12px 12px 0;vertical-align:top}"
          + "figcaption{font-weight:600;font-size:.9rem;margin-bottom:4px}svg{width:100%;height:auto}"
          + ".grid{stroke:#e5e5e5}.ylabel,.xlabel,.legend{font-size:11px;fill:#444}"
          + ".empty{color:#777;font-style:italic}.scroll{overflow-x:auto}table{border-collapse:"
          + "collapse;width:100%;font-size:.85rem}th,td{text-align:left;padding:4px 8px;border-bottom:"
          + "1px solid #eee}tr.failed .status{color:#b00020;font-weight:600}tr.succeeded .status"
          + "{color:#137333}tr.running .status{color:#8a6d00}";
}
