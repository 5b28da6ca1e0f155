package io.playloop.serving.http;

import java.util.Arrays;

/**
 * A response body built straight into bytes: ints are written as ASCII digits, strings arrive as
 * ready UTF-8. Saves a 100-user answer the StringBuilder, its String and the UTF-8 re-encoding.
 */
public final class JsonBytes {
  private byte[] buf;
  private int len;

  public JsonBytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public JsonBytes append(byte b) {
    ensure(1);
    buf[len++] = b;
    return this;
  }

  public JsonBytes append(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /** The first {@code n} bytes of {@code bytes}. */
  public JsonBytes append(byte[] bytes, int n) {
    ensure(n);
    System.arraycopy(bytes, 0, buf, len, n);
    len += n;
    return this;
  }

  /** The decimal digits of {@code v}. */
  public JsonBytes append(int v) {
    if (v < 0) {
      return append(Integer.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    int digits = digits(v);
    ensure(digits);
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += digits;
    return this;
  }

  /** The bytes written, as an array of exactly that length. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  public int length() {
    return len;
  }

  private static int digits(int v) {
    int d = 1;
    while (v >= 10) {
      v /= 10;
      d++;
    }
    return d;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
