package io.playloop.serving.feedback;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** What became of feedback beyond the commits ServingMetrics counts: retries and refused rows. */
final class FeedbackCounters {
  /** Requests answered 200 whose idempotency key was already stored: a retry, stored once. */
  final Counter duplicates;

  /** Requests answered 422: PostgreSQL refused the row (a data or constraint error). */
  final Counter rejected;

  FeedbackCounters(PrometheusRegistry registry) {
    duplicates =
        Counter.builder()
            .name("playloop_feedback_duplicates_total")
            .help("Feedback requests whose idempotency key was already stored (not stored again)")
            .register(registry);
    rejected =
        Counter.builder()
            .name("playloop_feedback_rejected_total")
            .help("Feedback rows PostgreSQL refused (data or constraint errors), answered 422")
            .register(registry);
  }
}
