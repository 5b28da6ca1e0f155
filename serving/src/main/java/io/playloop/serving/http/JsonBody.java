package io.playloop.serving.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/** Reads a request's JSON body: checks its content type (415) and its size limit (413). */
public final class JsonBody {
  private JsonBody() {}

  /** The body's bytes, or an {@link ApiException} with the status that says what is wrong. */
  public static byte[] read(Context ctx, int maxBytes) {
    String type = ctx.header("Content-Type");
    if (!isJson(type)) {
      throw new ApiException(
          415,
          "Content-Type must be application/json"
              + (type == null ? " (the request has none)" : ", not " + clip(type)));
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(ctx, maxBytes);
    }
    byte[] buf = new byte[declared >= 0 ? (int) declared : Math.min(maxBytes + 1, 8192)];
    int n = 0;
    try (InputStream in = ctx.req().getInputStream()) {
      while (true) {
        if (n == buf.length) {
          if (n > maxBytes) {
            throw tooLarge(ctx, maxBytes);
          }
          if (declared >= 0) {
            if (in.read() < 0) {
              break; // exactly the declared length
            }
            throw tooLarge(ctx, maxBytes);
          }
          buf = Arrays.copyOf(buf, Math.min(maxBytes + 1, buf.length * 2));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException e) {
      throw ApiException.badRequest("could not read the request body");
    }
    if (n > maxBytes) {
      throw tooLarge(ctx, maxBytes);
    }
    if (n == 0) {
      throw ApiException.badRequest("request body is empty; expected a JSON object");
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return media.toLowerCase(Locale.ROOT).equals("application/json");
  }

  /**
   * The 413, after reading what is left of a body that is at most {@link #DRAIN_FACTOR} times the
   * limit: a server that answers and closes while the client is still sending makes many clients
   * see a reset instead of the answer. Anything larger is not worth reading; the connection closes.
   */
  private static ApiException tooLarge(Context ctx, int maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    long budget = (long) maxBytes * DRAIN_FACTOR;
    if (declared <= budget) {
      try {
        InputStream in = ctx.req().getInputStream();
        byte[] skip = new byte[8192];
        long read = 0;
        int r;
        while (read <= budget && (r = in.read(skip)) >= 0) {
          read += r;
        }
      } catch (IOException | RuntimeException e) {
        // the client went away; the 413 below is all it could get anyway
      }
    }
    return new ApiException(413, "request body is larger than " + maxBytes + " bytes");
  }

  private static final int DRAIN_FACTOR = 16;

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
