package io.playloop.core.api;

/** The feedback answer: {@code {"msg":"Feedback Sent"}}, sent only after the row is committed. */
public record FeedbackAck(String msg) {
  public static final FeedbackAck SENT = new FeedbackAck("Feedback Sent");

  /** The exact body of the answer, byte for byte. */
  public static final String SENT_JSON = "{\"msg\":\"Feedback Sent\"}";
}
