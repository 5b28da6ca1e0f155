package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Where feedback goes: the future completes once the row is committed (or a row with the same
 * idempotency key already was), or fails with {@link FeedbackUnavailable} (nothing stored, retry)
 * or with a 422 {@link io.playloop.serving.http.ApiException} (the database refuses this row; a
 * retry would fail again).
 */
public interface FeedbackStore extends AutoCloseable {
  /** Stores {@code f} durably, once per non-null {@code idempotencyKey}. */
  CompletableFuture<Void> store(FeedbackRequest f, UUID idempotencyKey);

  /** Stores {@code f} durably, without an idempotency key. */
  default CompletableFuture<Void> store(FeedbackRequest f) {
    return store(f, null);
  }

  /**
   * Stops taking feedback (new requests get 503), commits and answers everything already taken,
   * then releases the writers.
   */
  @Override
  void close();
}
