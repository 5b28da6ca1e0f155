package io.playloop.serving.dashboard;

import io.playloop.core.dashboard.DashboardMetric;
import io.playloop.core.db.Connections;
import io.playloop.core.db.JobHealth;
import io.playloop.core.db.PipelineRuns;
import io.playloop.core.registry.ModelEntry;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.OfflineMetric;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop's health as Prometheus gauges, read from PostgreSQL on scrape (at most every 15 s): the
 * last run of each pipeline job, and each registered model's online score beside its offline
 * (validation) MRR, so that Prometheus can alert when the loop stalls or a model does worse online
 * than offline. The job's label is {@code pipeline_job}: Prometheus renames a scraped {@code job}
 * label, which names the scrape job.
 */
public final class LoopGauges implements MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(LoopGauges.class);
  private static final long MAX_AGE_NANOS = 15_000_000_000L;

  static final String PIPELINE_JOB = "pipeline_job";

  private final PipelineRuns runs;
  private final ModelRegistry registry;
  private final DashboardQueries dashboard;
  private volatile Snapshot snapshot = new Snapshot(List.of(), List.of(), Map.of(), 0);

  /** A model version's figures: its validation MRR and newest online score (either may be null). */
  record ModelScore(String version, String status, Double online, Double offlineMrr) {}

  /** {@code bySlot}: the newest online score of exploited and explored positions, by slot kind. */
  record Snapshot(
      List<JobHealth> jobs,
      List<ModelScore> models,
      Map<String, Double> bySlot,
      long takenAtNanos) {}

  public LoopGauges(DataSource dataSource) {
    Connections connections = Connections.of(dataSource);
    this.runs = new PipelineRuns(connections);
    this.registry = new ModelRegistry(connections);
    this.dashboard = new DashboardQueries(dataSource);
  }

  @Override
  public MetricSnapshots collect() {
    Snapshot s = current();
    GaugeSnapshot.Builder failed =
        GaugeSnapshot.builder()
            .name("playloop_pipeline_last_run_failed")
            .help("1 when the newest finished run of the pipeline job failed");
    GaugeSnapshot.Builder lastSuccess =
        GaugeSnapshot.builder()
            .name("playloop_pipeline_last_success_timestamp_seconds")
            .help("When the newest successful run of the pipeline job started (Unix seconds)");
    for (JobHealth j : s.jobs()) {
      Labels job = Labels.of(PIPELINE_JOB, j.job());
      failed.dataPoint(point(j.lastFailed() ? 1 : 0, job));
      if (j.lastSuccessStart() != null) {
        lastSuccess.dataPoint(point(j.lastSuccessStart().toEpochMilli() / 1000.0, job));
      }
    }
    GaugeSnapshot.Builder online =
        GaugeSnapshot.builder()
            .name("playloop_online_score")
            .help("Online feedback score (MRR of likes) of a model version, newest day of metrics");
    GaugeSnapshot.Builder offline =
        GaugeSnapshot.builder()
            .name("playloop_model_offline_mrr")
            .help("Offline MRR of a model version on its validation batches");
    for (ModelScore m : s.models()) {
      Labels labels = Labels.of("model_version", m.version(), "status", m.status());
      if (m.online() != null) {
        online.dataPoint(point(m.online(), labels));
      }
      if (m.offlineMrr() != null) {
        offline.dataPoint(point(m.offlineMrr(), labels));
      }
    }
    GaugeSnapshot.Builder bySlot =
        GaugeSnapshot.builder()
            .name("playloop_online_score_by_slot")
            .help(
                "Online feedback score of exploited and of explored positions apart (slot=exploit"
                    + " or explore), newest day of metrics");
    for (Map.Entry<String, Double> e : s.bySlot().entrySet()) {
      bySlot.dataPoint(point(e.getValue(), Labels.of("slot", e.getKey())));
    }
    return MetricSnapshots.of(
        failed.build(), lastSuccess.build(), online.build(), offline.build(), bySlot.build());
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(
        "playloop_pipeline_last_run_failed",
        "playloop_pipeline_last_success_timestamp_seconds",
        "playloop_online_score",
        "playloop_model_offline_mrr",
        "playloop_online_score_by_slot");
  }

  private static GaugeDataPointSnapshot point(double value, Labels labels) {
    return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (System.nanoTime() - s.takenAtNanos() > MAX_AGE_NANOS || s.takenAtNanos() == 0) {
      try {
        s = read();
      } catch (SQLException | RuntimeException e) {
        // The database is down: keep the last figures rather than failing the scrape, and try
        // again only when they are due (each try waits for a connection timeout).
        LOG.debug("Loop gauges not refreshed: {}", e.toString());
        s = new Snapshot(s.jobs(), s.models(), s.bySlot(), System.nanoTime());
      }
      snapshot = s;
    }
    return s;
  }

  Snapshot read() throws SQLException {
    List<JobHealth> jobs = runs.health();
    Map<String, Double> onlineScores = dashboard.latestPerModel(DashboardMetric.ONLINE_SCORE);
    List<ModelScore> models = new ArrayList<>();
    for (ModelEntry m : registry.notRetired()) {
      models.add(
          new ModelScore(
              m.modelVersion(),
              m.status().sql(),
              onlineScores.get(m.modelVersion()),
              m.metrics().validation(OfflineMetric.MRR)));
    }
    Map<String, Double> bySlot = dashboard.latestPerSegment(DashboardMetric.ONLINE_SCORE_BY_SLOT);
    return new Snapshot(jobs, models, bySlot, System.nanoTime());
  }
}
