package io.playloop.serving.routes;

import io.playloop.core.api.RecommendedPlaylists;
import io.playloop.serving.auth.ServedTags;
import io.playloop.serving.http.JsonBytes;
import io.playloop.serving.recommend.Recommendations;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Recommendations} as the API's JSON array, straight into bytes, exactly as {@link
 * RecommendedPlaylists#appendJson} would write each element.
 */
public final class RecommendResponseWriter {
  private static final byte[] USER_ID = ascii(RecommendedPlaylists.USER_ID_FIELD);
  private static final byte[] PLAYLISTS = ascii(RecommendedPlaylists.PLAYLISTS_FIELD);
  private static final byte[] END = {'"', '}'};

  private RecommendResponseWriter() {}

  /** The response body. */
  public static byte[] write(Recommendations r) {
    JsonBytes b = new JsonBytes(32 + 120 * r.size()).append((byte) '[');
    byte[] tag = new byte[1 + ServedTags.TAG_LENGTH];
    tag[0] = '.';
    // The extra fields are the same for every user of a version: written once per request and
    // version (a request meets at most the active version and the candidate).
    String versionA = null;
    byte[] suffixA = null;
    String versionB = null;
    byte[] suffixB = null;
    for (int i = 0; i < r.size(); i++) {
      String version = r.version(i);
      byte[] suffix;
      if (version == versionA) {
        suffix = suffixA;
      } else if (version == versionB) {
        suffix = suffixB;
      } else {
        suffix = suffix(version, r.requestId());
        versionB = versionA;
        suffixB = suffixA;
        versionA = version;
        suffixA = suffix;
      }
      if (i > 0) {
        b.append((byte) ',');
      }
      if (r.signed()) {
        // suffix ends in the request id's closing quote and brace: the tag goes between.
        element(b, r.user(i), r.playlists(), r.from(i), r.count(i), suffix, suffix.length - 2);
        ServedTags.encode(r.tag(i), tag, 1);
        b.append(tag).append(END);
      } else {
        element(b, r.user(i), r.playlists(), r.from(i), r.count(i), suffix);
      }
    }
    return b.append((byte) ']').toByteArray();
  }

  /** One element, then the first {@code suffixBytes} bytes of {@code suffix}. */
  static void element(
      JsonBytes b, int user, int[] playlists, int from, int n, byte[] suffix, int suffixBytes) {
    b.append(USER_ID).append(user).append(PLAYLISTS);
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        b.append((byte) ',');
      }
      b.append(playlists[from + k]);
    }
    b.append((byte) ']').append(suffix, suffixBytes);
  }

  /** One element: {@code playlists[from..from+n)} of {@code user}, then the extra fields. */
  static void element(JsonBytes b, int user, int[] playlists, int from, int n, byte[] suffix) {
    element(b, user, playlists, from, n, suffix, suffix.length);
  }

  /** The fields after the playlists, for every user of {@code version} in one request. */
  static byte[] suffix(String version, String requestId) {
    return RecommendedPlaylists.extraFields(version, requestId).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
