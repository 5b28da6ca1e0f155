package io.playloop.serving.auth;

import io.playloop.core.api.FeedbackRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Signed request ids: the recommend answer gives each user {@code <request id>.<tag>}, the tag a
 * keyed MAC (SipHash-2-4, 64 bits) over the request id, the model version, the user and the set of
 * playlists served to that user. A like that comes back with such an id proves that the liked
 * playlist and the others were served to that user, without any secret in the browser. Impressions
 * keep the part before the first '.'.
 */
public final class ServedTags {
  /** Length of a tag: 64 bits in unpadded base64url. */
  public static final int TAG_LENGTH = 11;

  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);

  private final SipHash mac;

  private ServedTags(byte[] key) {
    this.mac = new SipHash(key);
  }

  /** Tags keyed by {@code secret} (hashed to 128 bits). */
  public static ServedTags withSecret(String secret) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return new ServedTags(Arrays.copyOf(d, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tags keyed by a random key: valid until the server stops. */
  public static ServedTags random() {
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    return new ServedTags(key);
  }

  /**
   * The part of the MAC shared by every user one model version serves in one request: computed once
   * per request and version, then passed to {@link #tag}.
   */
  public long context(String requestId, String modelVersion) {
    SipHash.State s = mac.start();
    addText(s, requestId);
    addText(s, modelVersion);
    return s.finish();
  }

  /**
   * The tag of {@code user} served {@code playlists[from..from+n)} under {@code context}; {@code
   * scratch} (at least n long) receives a sorted copy: the tag does not depend on the order.
   */
  public long tag(long context, int user, int[] playlists, int from, int n, int[] scratch) {
    System.arraycopy(playlists, from, scratch, 0, n);
    Arrays.sort(scratch, 0, n);
    SipHash.State s = mac.start().add(context).add(((long) user << 32) | n);
    for (int i = 0; i < n; i += 2) {
      long hi = scratch[i] & 0xffffffffL;
      long lo = i + 1 < n ? scratch[i + 1] & 0xffffffffL : 0;
      s.add(hi << 32 | lo);
    }
    return s.finish();
  }

  /** Writes {@code tag} as {@link #TAG_LENGTH} base64url characters into {@code out[at..]}. */
  public static void encode(long tag, byte[] out, int at) {
    // The 64 bits big-endian, as Base64 of 8 bytes: ten 6-bit groups, then the last 4 bits.
    for (int i = 0; i < TAG_LENGTH - 1; i++) {
      out[at + i] = ALPHABET[(int) ((tag >>> (58 - 6 * i)) & 63)];
    }
    out[at + TAG_LENGTH - 1] = ALPHABET[(int) ((tag << 2) & 63)];
  }

  /** {@code tag} as text. */
  public static String encode(long tag) {
    byte[] b = new byte[TAG_LENGTH];
    encode(tag, b, 0);
    return new String(b, StandardCharsets.US_ASCII);
  }

  /** {@code requestId.tag} for one user (what the recommend answer carries). */
  public String signedId(String requestId, String modelVersion, int user, int[] playlists) {
    long ctx = context(requestId, modelVersion);
    return requestId
        + "."
        + encode(tag(ctx, user, playlists, 0, playlists.length, new int[playlists.length]));
  }

  /**
   * Checks that {@code f} likes one of the playlists served to its user by the answer its
   * request_id names: the like plus other_playlists must be exactly the set served, with the model
   * version that served them.
   *
   * @throws Forbidden when it does not
   */
  public void verify(FeedbackRequest f) {
    String id = f.requestId();
    if (id == null || f.modelVersion() == null) {
      throw new Forbidden(
          "this server accepts a like only with the request_id and model_version of the"
              + " recommend answer that served it (or with credentials)");
    }
    int dot = id.indexOf('.');
    if (dot <= 0 || id.length() - dot - 1 != TAG_LENGTH) {
      throw new Forbidden("request_id is not one this server signed: send it back unchanged");
    }
    int n = f.otherPlaylists().length + 1;
    int[] served = Arrays.copyOf(f.otherPlaylists(), n);
    served[n - 1] = f.likePlaylist();
    long expected =
        tag(context(id.substring(0, dot), f.modelVersion()), f.userId(), served, 0, n, new int[n]);
    byte[] want = new byte[TAG_LENGTH];
    encode(expected, want, 0);
    byte[] got = id.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(want, got)) {
      throw new Forbidden(
          "request_id does not match: like_playlist and other_playlists must be exactly the"
              + " playlists that answer served to this user_id, with its model_version");
    }
  }

  private static void addText(SipHash.State s, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    s.add(b.length);
    for (int i = 0; i < b.length; i += 8) {
      long w = 0;
      for (int k = Math.min(b.length, i + 8) - 1; k >= i; k--) {
        w = (w << 8) | (b[k] & 0xffL);
      }
      s.add(w);
    }
  }
}
