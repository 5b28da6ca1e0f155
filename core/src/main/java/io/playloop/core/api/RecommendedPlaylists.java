package io.playloop.core.api;

/**
 * One element of the recommend response: {@code {"user_id":1,"playlists":[...]}} plus the extra
 * fields {@code model_version} (the version that served this user) and {@code request_id} (to tie
 * feedback to what was served).
 */
public record RecommendedPlaylists(
    int userId, int[] playlists, String modelVersion, String requestId) {
  /**
   * What comes before the user id, and between it and the playlists (writers of bytes use them).
   */
  public static final String USER_ID_FIELD = "{\"user_id\":";

  public static final String PLAYLISTS_FIELD = ",\"playlists\":[";

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
    appendJson(b, userId, playlists, count, extraFields(modelVersion, requestId));
  }

  /**
   * Appends one response element whose extra fields were written by {@link #extraFields} (they are
   * the same for every user a version serves in one request).
   */
  public static void appendJson(
      StringBuilder b, int userId, int[] playlists, int count, String extraFields) {
    b.append(USER_ID_FIELD).append(userId).append(PLAYLISTS_FIELD);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(playlists[i]);
    }
    b.append(']').append(extraFields);
  }

  /** The end of an element: the optional model_version and request_id, then the closing brace. */
  public static String extraFields(String modelVersion, String requestId) {
    StringBuilder b = new StringBuilder(64);
    if (modelVersion != null) {
      b.append(",\"model_version\":");
      ApiJson.appendString(b, modelVersion);
    }
    if (requestId != null) {
      b.append(",\"request_id\":");
      ApiJson.appendString(b, requestId);
    }
    return b.append('}').toString();
  }
}
