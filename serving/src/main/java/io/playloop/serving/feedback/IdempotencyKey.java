package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.http.InvalidRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The idempotency key of a feedback request: a digest of the user, the liked playlist and either
 * the client's {@code Idempotency-Key} header or the {@code request_id} of the answer the like
 * follows (an opaque string). A retry of the same like carries the same key, and the database
 * stores one row per key. Both ways are scoped to the user and the liked playlist, so a key reused
 * by mistake for another like never swallows it.
 */
public final class IdempotencyKey {
  /** The HTTP header a client may send instead of (or besides) a request_id. */
  public static final String HEADER = "Idempotency-Key";

  /** Longest accepted header value. */
  static final int MAX_HEADER = 255;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private IdempotencyKey() {}

  /**
   * The key of {@code f}: from {@code header} when given (it wins: the client chose it), else from
   * the request_id; null when there is neither (such feedback is stored as often as it is sent).
   */
  public static UUID of(FeedbackRequest f, String header) {
    if (header != null) {
      return digest('h', f, checkedHeader(header));
    }
    if (f.requestId() != null) {
      return digest('r', f, f.requestId());
    }
    return null;
  }

  private static String checkedHeader(String header) {
    if (header.isEmpty() || header.length() > MAX_HEADER) {
      throw new InvalidRequest(
          HEADER + " must be 1 to " + MAX_HEADER + " characters, got " + header.length());
    }
    for (int i = 0; i < header.length(); i++) {
      char ch = header.charAt(i);
      if (ch < 0x21 || ch > 0x7e) {
        throw new InvalidRequest(
            HEADER + " must be visible ASCII characters (no spaces), as a UUID is");
      }
    }
    return header;
  }

  private static UUID digest(char kind, FeedbackRequest f, String value) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    byte[] text = value.getBytes(StandardCharsets.UTF_8);
    ByteBuffer head = ByteBuffer.allocate(9);
    head.put((byte) kind).putInt(f.userId()).putInt(f.likePlaylist());
    sha.update(head.array());
    sha.update(text);
    ByteBuffer d = ByteBuffer.wrap(sha.digest());
    long high = d.getLong();
    long low = d.getLong();
    // The version and variant bits of a name-based UUID (RFC 9562 version 8): a well-formed uuid.
    high = (high & ~0xF000L) | 0x8000L;
    low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
