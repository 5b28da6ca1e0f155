package io.playloop.serving.dashboard;

import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.ServerContext;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Exposes the loop's health on /metrics, read from PostgreSQL on scrape (at most every 15 s): the
 * last run of each pipeline job, and each registered model's online score beside its offline MRR,
 * so that Prometheus can alert when the loop stalls or a model does worse online than offline.
 */
public final class LoopGauges implements RouteModule {
  private static final long MAX_AGE_NANOS = 15_000_000_000L;

  private DataSource dataSource;
  private volatile Snapshot snapshot = new Snapshot(List.of(), List.of(), 0);

  record JobRun(String job, boolean lastFailed, double lastSuccessEpochSeconds) {}

  record ModelScore(String version, String status, Double online, Double offlineMrr) {}

  record Snapshot(List<JobRun> jobs, List<ModelScore> models, long takenAtNanos) {}

  @Override
  public void register(Routes routes, ServerContext context) {
    this.dataSource = context.dataSource();
    var registry = context.metrics().registry();
    GaugeWithCallback.builder()
        .name("playloop_pipeline_last_run_failed")
        .help("1 when the newest finished run of the job failed")
        .labelNames("job")
        .callback(cb -> current().jobs().forEach(j -> cb.call(j.lastFailed() ? 1 : 0, j.job())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("playloop_pipeline_last_success_timestamp_seconds")
        .help("When the newest successful run of the job started (Unix seconds)")
        .labelNames("job")
        .callback(
            cb ->
                current().jobs().stream()
                    .filter(j -> j.lastSuccessEpochSeconds() > 0)
                    .forEach(j -> cb.call(j.lastSuccessEpochSeconds(), j.job())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("playloop_online_score")
        .help("Online feedback score (MRR of likes) of a model version, newest day of metrics")
        .labelNames("model_version", "status")
        .callback(
            cb ->
                current().models().stream()
                    .filter(m -> m.online() != null)
                    .forEach(m -> cb.call(m.online(), m.version(), m.status())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("playloop_model_offline_mrr")
        .help("Offline MRR of a model version on its validation batches")
        .labelNames("model_version", "status")
        .callback(
            cb ->
                current().models().stream()
                    .filter(m -> m.offlineMrr() != null)
                    .forEach(m -> cb.call(m.offlineMrr(), m.version(), m.status())))
        .register(registry);
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (System.nanoTime() - s.takenAtNanos() > MAX_AGE_NANOS || s.takenAtNanos() == 0) {
      try {
        s = read(dataSource);
        snapshot = s;
      } catch (SQLException e) {
        // The database is down: keep the last figures rather than failing the scrape, and try
        // again only when they are due (each of the gauges asks; each try waits for a timeout).
        s = new Snapshot(s.jobs(), s.models(), System.nanoTime());
        snapshot = s;
      }
    }
    return s;
  }

  static Snapshot read(DataSource dataSource) throws SQLException {
    List<JobRun> jobs = new ArrayList<>();
    List<ModelScore> models = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT j.job,"
                      + " (SELECT status FROM pipeline_runs r WHERE r.job = j.job"
                      + "   AND r.status <> 'running' ORDER BY r.started_at DESC, r.id DESC LIMIT 1),"
                      + " (SELECT EXTRACT(EPOCH FROM MAX(started_at)) FROM pipeline_runs r"
                      + "   WHERE r.job = j.job AND r.status = 'succeeded')"
                      + " FROM (SELECT DISTINCT job FROM pipeline_runs) j")) {
        while (rs.next()) {
          jobs.add(new JobRun(rs.getString(1), "failed".equals(rs.getString(2)), rs.getDouble(3)));
        }
      }
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT m.model_version, m.status,"
                      + " (SELECT value FROM dashboard_models d WHERE d.model_version = m.model_version"
                      + "   AND d.metric = 'online_score' ORDER BY d.day DESC LIMIT 1),"
                      + " (m.metrics->>'mrr')::double precision"
                      + " FROM models m WHERE m.status <> 'retired'")) {
        while (rs.next()) {
          double online = rs.getDouble(3);
          Double onlineOrNull = rs.wasNull() ? null : online;
          double mrr = rs.getDouble(4);
          Double mrrOrNull = rs.wasNull() ? null : mrr;
          models.add(new ModelScore(rs.getString(1), rs.getString(2), onlineOrNull, mrrOrNull));
        }
      }
    }
    return new Snapshot(jobs, models, System.nanoTime());
  }
}
