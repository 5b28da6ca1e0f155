package io.playloop.core.api;

/**
 * One element of the recommend response: {@code {"user_id":1,"playlists":[...]}} plus the extra
 * fields {@code model_version} (the version that served this user) and {@code request_id} (to tie
 * feedback to what was served).
 */
public record RecommendedPlaylists(
    int userId, int[] playlists, String modelVersion, String requestId) {

  /** This element as the server writes it. */
  public String toJson() {
    StringBuilder b = new StringBuilder(96);
    appendJson(b, userId, playlists, playlists.length, modelVersion, requestId);
    return b.toString();
  }

  /** Appends one response element; the one place that defines its field order and names. */
  public static void appendJson(
      StringBuilder b,
      int userId,
      int[] playlists,
      int count,
      String modelVersion,
      String requestId) {
    b.append("{\"user_id\":").append(userId).append(",\"playlists\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(playlists[i]);
    }
    b.append(']');
    if (modelVersion != null) {
      b.append(",\"model_version\":");
      ApiJson.appendString(b, modelVersion);
    }
    if (requestId != null) {
      b.append(",\"request_id\":");
      ApiJson.appendString(b, requestId);
    }
    b.append('}');
  }
}
