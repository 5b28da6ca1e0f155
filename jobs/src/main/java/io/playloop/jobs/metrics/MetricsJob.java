package io.playloop.jobs.metrics;

import io.playloop.core.dashboard.DashboardMetric;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.LegacyJob;
import io.playloop.jobs.OptionSpec;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.pipeline.PipelineState;
import io.playloop.jobs.spark.JdbcTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The metrics job: the data-quality and feedback figures into PostgreSQL's dashboard tables. */
public final class MetricsJob implements LegacyJob {
  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public String description() {
    return "data-quality and feedback metrics into the dashboard_* tables (rerunnable)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("day", "the day the snapshot figures are dated (YYYY-MM-DD)", "today, UTC"),
        OptionSpec.of(
            "retrain-threshold",
            "new feedback that triggers an early retrain (playloop.pipeline.retrain-threshold)",
            null));
  }

  @Override
  public JobResult run(JobContext context) {
    var spark = context.spark();
    LocalDate day =
        context.options().get("day").map(LocalDate::parse).orElse(DashboardStore.today());
    long threshold =
        context
            .options()
            .getLong("retrain-threshold", context.config().pipeline().retrainThreshold());
    DashboardStore store = new DashboardStore(context.db());

    List<MetricRow> training = new ArrayList<>();
    long blocks = 0;
    if (context.lake().exists(LakeTable.TRIPLETS)) {
      Dataset<Row> triplets = context.lake().read(LakeTable.TRIPLETS);
      training.addAll(TrainingMetrics.compute(triplets, day));
      blocks =
          (long)
              training.stream()
                  .filter(r -> r.metric() == DashboardMetric.USER_BLOCKS)
                  .findFirst()
                  .orElseThrow()
                  .value();
    }

    Dataset<Row> feedback = JdbcTables.readPartitioned(spark, context.db(), "feedback", "id");
    Dataset<Row> impressions = JdbcTables.read(spark, context.db(), "impressions");
    List<MetricRow> feedbackRows = new ArrayList<>(FeedbackMetrics.daily(feedback, impressions));
    long newFeedback = new PipelineState(context.db()).feedbackSinceLastTraining();
    feedbackRows.add(
        new MetricRow(day, DashboardMetric.NEW_FEEDBACK_SINCE_TRAINING, "", newFeedback));
    feedbackRows.add(new MetricRow(day, DashboardMetric.RETRAIN_THRESHOLD, "", threshold));
    List<ModelMetricRow> models = FeedbackMetrics.perModel(feedback, impressions);

    store.write(training, feedbackRows, models, true);
    long feedbackCount =
        (long)
            feedbackRows.stream()
                .filter(r -> r.metric() == DashboardMetric.FEEDBACK_VOLUME)
                .mapToDouble(MetricRow::value)
                .sum();
    int written = training.size() + feedbackRows.size() + models.size();
    return new JobResult(
        blocks + feedbackCount,
        written,
        String.format(
            "metrics: %d user-blocks, %d feedback rows -> %d dashboard rows;"
                + " %d new feedback since training (threshold %d)",
            blocks, feedbackCount, written, newFeedback, threshold),
        null,
        Map.of(
            DashboardMetric.NEW_FEEDBACK_SINCE_TRAINING.key(),
            newFeedback,
            DashboardMetric.RETRAIN_THRESHOLD.key(),
            threshold));
  }
}
