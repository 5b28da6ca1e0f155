package io.playloop.serving.http;

import java.util.Arrays;

/**
 * A fast path for the body almost every recommend request has, {@code {"user_ids":[1,2,3]}}: a byte
 * scan that accepts only a plainly valid body of that one shape and gives up (null) on anything
 * else, which then goes through the full parser and its error messages. Jackson's token loop cost
 * as much as all the rest of a 100-user request.
 */
final class PlainUserIds {
  private static final byte[] FIELD =
      "\"user_ids\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private PlainUserIds() {}

  /** The ids of a plainly valid one-field body with 1..{@code max} positive ids, else null. */
  static int[] parse(byte[] body, int max) {
    int i = skipSpace(body, 0);
    if (i >= body.length || body[i] != '{') {
      return null;
    }
    i = skipSpace(body, i + 1);
    if (body.length - i < FIELD.length
        || !Arrays.equals(body, i, i + FIELD.length, FIELD, 0, FIELD.length)) {
      return null;
    }
    i = skipSpace(body, i + FIELD.length);
    if (i >= body.length || body[i] != ':') {
      return null;
    }
    i = skipSpace(body, i + 1);
    if (i >= body.length || body[i] != '[') {
      return null;
    }
    int[] ids = new int[Math.min(max, 16)];
    int n = 0;
    while (true) {
      i = skipSpace(body, i + 1);
      // A positive id: no sign, no leading zero, no fraction or exponent, at most 2147483647.
      if (i >= body.length || body[i] < '1' || body[i] > '9') {
        return null;
      }
      long value = 0;
      int digits = 0;
      while (i < body.length && body[i] >= '0' && body[i] <= '9') {
        if (++digits > 10) {
          return null;
        }
        value = value * 10 + (body[i++] - '0');
      }
      if (value > Integer.MAX_VALUE || n == max) {
        return null;
      }
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, Math.min(max, n * 2));
      }
      ids[n++] = (int) value;
      i = skipSpace(body, i);
      if (i >= body.length) {
        return null;
      }
      if (body[i] == ']') {
        break;
      }
      if (body[i] != ',') {
        return null;
      }
    }
    i = skipSpace(body, i + 1);
    if (i >= body.length || body[i] != '}') {
      return null;
    }
    i = skipSpace(body, i + 1);
    if (i != body.length) {
      return null;
    }
    return n == ids.length ? ids : Arrays.copyOf(ids, n);
  }

  private static int skipSpace(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    return i;
  }
}
