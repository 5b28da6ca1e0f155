package io.playloop.serving.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Every metric the server exposes on {@code /metrics}, in its own registry (one per server). */
public final class ServingMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public final Counter requests =
      Counter.builder()
          .name("playloop_http_requests_total")
          .help("HTTP requests by route, method and status")
          .labelNames("route", "method", "status")
          .register(registry);
  public final Histogram latency =
      Histogram.builder()
          .name("playloop_http_request_duration_seconds")
          .help("HTTP request latency by route, method and status")
          .labelNames("route", "method", "status")
          .classicOnly()
          .classicUpperBounds(
              0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .register(registry);
  public final Counter unavailable =
      Counter.builder()
          .name("playloop_unavailable_total")
          .help("503 answers by route and reason")
          .labelNames("route", "reason")
          .register(registry);
  public final Counter feedbackCommits =
      Counter.builder()
          .name("playloop_feedback_commits_total")
          .help("Feedback transactions committed")
          .register(registry);
  public final Counter feedbackRows =
      Counter.builder()
          .name("playloop_feedback_rows_total")
          .help("Feedback rows committed")
          .register(registry);
  public final Counter feedbackCommitFailures =
      Counter.builder()
          .name("playloop_feedback_commit_failures_total")
          .help("Feedback transactions that failed (their requests got 503)")
          .register(registry);
  public final Histogram feedbackBatchSize =
      Histogram.builder()
          .name("playloop_feedback_batch_size")
          .help("Feedback rows per group commit")
          .classicOnly()
          .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
          .register(registry);

  /** A committed feedback transaction of {@code rows} rows. */
  public void feedbackCommitted(int rows) {
    feedbackCommits.inc();
    feedbackRows.inc(rows);
    feedbackBatchSize.observe(rows);
  }

  /** A failed feedback transaction: each of its {@code rows} requests gets a 503. */
  public void feedbackFailed(int rows) {
    feedbackCommitFailures.inc();
    unavailable.labelValues("/feedback", "database").inc(rows);
  }

  public final Gauge feedbackQueueDepth =
      Gauge.builder()
          .name("playloop_feedback_queue_depth")
          .help("Feedback requests waiting for their commit")
          .register(registry);
  public final Counter recommendedUsers =
      Counter.builder()
          .name("playloop_recommended_users_total")
          .help("Users answered by /recommend (a request may ask for many)")
          .register(registry);
  public final Counter popularityFallbacks =
      Counter.builder()
          .name("playloop_popularity_fallbacks_total")
          .help("Users answered from the popularity list (unknown or cold users)")
          .register(registry);
  public final Counter impressionsWritten =
      Counter.builder()
          .name("playloop_impressions_written_total")
          .help("Impression rows written")
          .register(registry);
  public final Counter impressionsDropped =
      Counter.builder()
          .name("playloop_impressions_dropped_total")
          .help("Impressions dropped (queue full or database unavailable)")
          .register(registry);
  public final Gauge activeModel =
      Gauge.builder()
          .name("playloop_model_active")
          .help("1 for each model version being served; role is active or candidate")
          .labelNames("model_version", "role")
          .register(registry);
  public final Gauge candidateShare =
      Gauge.builder()
          .name("playloop_model_candidate_traffic_share")
          .help("Share of users served by the candidate version")
          .register(registry);
  public final Gauge snapshotLoadSeconds =
      Gauge.builder()
          .name("playloop_snapshot_load_seconds")
          .help("Time to load the served model snapshot")
          .labelNames("model_version")
          .register(registry);
  public final Gauge snapshotUsers =
      Gauge.builder()
          .name("playloop_snapshot_users")
          .help("Users in the served model snapshot")
          .labelNames("model_version")
          .register(registry);
  public final Gauge snapshotBytes =
      Gauge.builder()
          .name("playloop_snapshot_bytes")
          .help("Approximate heap bytes of the served model snapshot")
          .labelNames("model_version")
          .register(registry);
  public final Gauge modelPollLastSuccess =
      Gauge.builder()
          .name("playloop_model_poll_last_success_timestamp_seconds")
          .help("When the server last read the models table and had the snapshot it asks for")
          .register(registry);
  public final Counter snapshotLoads =
      Counter.builder()
          .name("playloop_snapshot_loads_total")
          .help("Model snapshot loads by outcome")
          .labelNames("outcome")
          .register(registry);

  public ServingMetrics() {
    JvmMetrics.builder().register(registry);
  }

  /** The registry, for route modules that add their own metrics. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** The content type of {@link #scrape()}. */
  public String contentType() {
    return writer.getContentType();
  }

  /** All metrics in the Prometheus text format. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Clears the per-version model gauges before the new versions are set. */
  public void clearModels() {
    activeModel.clear();
    snapshotLoadSeconds.clear();
    snapshotUsers.clear();
    snapshotBytes.clear();
  }
}
