package io.playloop.serving.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the data-quality dashboard as one HTML page: a training board and a feedback board like
 * the seed's Metabase boards (number tiles and time-series charts), the online score per model
 * version, and the pipeline runs. Every tile carries its metric and raw value as data attributes.
 */
final class DashboardPage {
  private static final List<String[]> TRAINING_TILES =
      List.of(
          new String[] {"distinct_users", "Distinct users"},
          new String[] {"user_blocks", "User-blocks"},
          new String[] {"avg_blocks_per_user", "User-blocks per user"},
          new String[] {"invalid_blocks", "Invalid user-blocks"},
          new String[] {"invalid_blocks:duplicate_pair", "… repeated (user, positive)"},
          new String[] {"invalid_blocks:empty_negatives", "… no negatives"},
          new String[] {"invalid_blocks:duplicate_negatives", "… duplicated negatives"},
          new String[] {"invalid_blocks:positive_in_negatives", "… positive among negatives"});
  private static final List<String[]> FEEDBACK_TILES =
      List.of(
          new String[] {"feedback_volume", "Feedback that day"},
          new String[] {"daily_users", "Users that day"},
          new String[] {"weekly_users", "Users in the last 7 days"},
          new String[] {"cumulative_feedback", "Feedback so far"},
          new String[] {"distinct_users", "Distinct users so far"},
          new String[] {"power_user_share:top1", "Share of the top 1% of users"},
          new String[] {"power_user_share:top10", "Share of the top 10% of users"},
          new String[] {"feedback_score", "Feedback score (MRR of likes)"},
          new String[] {"invalid_blocks", "Invalid feedback blocks"});

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
      for (String[] t : TRAINING_TILES) {
        tile(b, t[0], t[1], d.training().get(t[0]), false);
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
      for (String[] t : FEEDBACK_TILES) {
        tile(b, t[0], t[1], d.feedbackLatest().get(t[0]), t[0].startsWith("power_user_share"));
      }
      Double fresh = d.feedbackLatest().get("new_feedback_since_training");
      Double threshold = d.feedbackLatest().get("retrain_threshold");
      if (fresh != null && threshold != null) {
        b.append(
                "<div class=\"tile wide\" data-metric=\"new_feedback_since_training\" data-value=\"")
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
      for (DashboardData.Run r : d.runs()) {
        b.append("<tr class=\"run ")
            .append(Html.escape(r.status()))
            .append("\"><td>")
            .append(Html.escape(r.job()))
            .append("</td><td class=\"status\">")
            .append(Html.escape(r.status()))
            .append("</td><td>")
            .append(r.startedAt())
            .append("</td><td>")
            .append(r.finishedAt() == null ? "" : r.finishedAt().toString())
            .append("</td><td>")
            .append(r.rowsIn() == null ? "" : SvgChart.format(r.rowsIn(), false))
            .append("</td><td>")
            .append(r.rowsOut() == null ? "" : SvgChart.format(r.rowsOut(), false))
            .append("</td><td>")
            .append(Html.escape(r.error()))
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
