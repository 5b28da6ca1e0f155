package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Where feedback goes: the future completes once the row is committed, or fails with {@link
 * FeedbackUnavailable}.
 */
public interface FeedbackStore extends AutoCloseable {
  /** Stores {@code f} durably; the future fails with {@link FeedbackUnavailable} if it cannot. */
  CompletableFuture<Void> store(FeedbackRequest f);

  @Override
  void close();
}
