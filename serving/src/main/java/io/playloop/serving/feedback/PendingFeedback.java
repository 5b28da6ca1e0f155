package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A feedback row waiting for its commit, with its idempotency key (may be null); {@code committed}
 * completes after the COMMIT that stored it, or that found its key already stored.
 */
public record PendingFeedback(
    FeedbackRequest request, UUID key, CompletableFuture<Void> committed) {
  public PendingFeedback(FeedbackRequest request, UUID key) {
    this(request, key, new CompletableFuture<>());
  }
}
