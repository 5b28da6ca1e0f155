package io.playloop.serving.http;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Unique request ids: a random per-server prefix and a counter, short and cheap. */
public final class RequestIds {
  private final String prefix;
  private final AtomicLong next = new AtomicLong();

  public RequestIds() {
    long r = new SecureRandom().nextLong() >>> 24;
    this.prefix = Long.toString(r, 36) + "-";
  }

  public String next() {
    return prefix + Long.toString(next.incrementAndGet(), 36);
  }
}
