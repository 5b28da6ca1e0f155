package io.playloop.serving.feedback;

/** Feedback could not be stored now (nothing was stored); the client may retry shortly. */
public final class FeedbackUnavailable extends RuntimeException {
  /** Why the feedback was refused. */
  public enum Reason {
    DATABASE("feedback cannot be stored right now (database unavailable)"),
    QUEUE_FULL("feedback queue is full; retry shortly"),
    SHUTTING_DOWN("server is shutting down");

    private final String message;

    Reason(String message) {
      this.message = message;
    }
  }

  private final Reason reason;

  public FeedbackUnavailable(Reason reason) {
    super(reason.message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
