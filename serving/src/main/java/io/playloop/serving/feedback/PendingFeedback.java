package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import java.util.concurrent.CompletableFuture;

/** A feedback row waiting for its commit; {@code committed} completes after the COMMIT. */
public record PendingFeedback(FeedbackRequest request, CompletableFuture<Void> committed) {
  public PendingFeedback(FeedbackRequest request) {
    this(request, new CompletableFuture<>());
  }
}
