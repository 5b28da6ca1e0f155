package io.playloop.jobs.metrics;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.dashboard.DashboardMetric;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.pipeline.PipelineState;
import io.playloop.jobs.spark.JdbcTables;
import io.playloop.jobs.spark.JobPhase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/** The metrics job: the data-quality and feedback figures into PostgreSQL's dashboard tables. */
public final class MetricsJob implements Job<MetricsJob.Settings> {
  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public String description() {
    return "data-quality and feedback metrics into the dashboard_* tables (rerunnable)";
  }

  @Override
  public JobCommand<Settings> command() {
    return new Options();
  }

  /**
   * A metrics run's settings.
   *
   * @param day the day the snapshot figures are dated
   * @param retrainThreshold the threshold shown beside the new feedback since training
   */
  record Settings(LocalDate day, long retrainThreshold) {}

  /** metrics' options, each declared once with its default. */
  static final class Options implements JobCommand<Settings> {
    @Option(
        names = "--day",
        paramLabel = "YYYY-MM-DD",
        description = "the day the snapshot figures are dated (default: today, UTC)")
    String day;

    @Option(
        names = "--retrain-threshold",
        paramLabel = "N",
        description =
            "new feedback that triggers an early retrain (playloop.pipeline.retrain-threshold)")
    Long retrainThreshold;

    @Override
    public Settings settings(PlayloopConfig config) {
      return new Settings(
          day == null ? DashboardStore.today() : OptionChecks.date("day", day),
          OptionChecks.notNegative(
              "retrain-threshold",
              retrainThreshold == null ? config.pipeline().retrainThreshold() : retrainThreshold));
    }
  }

  @Override
  public JobResult run(JobContext context, Settings s) {
    var spark = context.spark();
    LocalDate day = s.day();
    long threshold = s.retrainThreshold();
    DashboardStore store = new DashboardStore(context.db());

    List<MetricRow> training = new ArrayList<>();
    long blocks = 0;
    if (context.lake().exists(LakeTable.TRIPLETS)) {
      JobPhase.begin(spark, "metrics: training data");
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

    JobPhase.begin(spark, "metrics: feedback and impressions");
    Dataset<Row> feedback = JdbcTables.readPartitioned(spark, context.db(), "feedback", "id");
    Dataset<Row> impressions = JdbcTables.read(spark, context.db(), "impressions");
    List<MetricRow> feedbackRows = new ArrayList<>(FeedbackMetrics.daily(feedback, impressions));
    long newFeedback = new PipelineState(context.db()).feedbackSinceLastTraining();
    feedbackRows.add(
        new MetricRow(day, DashboardMetric.NEW_FEEDBACK_SINCE_TRAINING, "", newFeedback));
    feedbackRows.add(new MetricRow(day, DashboardMetric.RETRAIN_THRESHOLD, "", threshold));
    List<ModelMetricRow> models = FeedbackMetrics.perModel(feedback, impressions);

    JobPhase.begin(spark, "metrics: dashboard tables");
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
