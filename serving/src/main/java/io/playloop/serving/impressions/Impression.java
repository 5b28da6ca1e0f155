package io.playloop.serving.impressions;

/**
 * What one recommend request served: per user (distinct), the model version and the playlists,
 * which are {@code playlists[offsets[i] .. offsets[i+1])}. One queue entry per request.
 */
public record Impression(
    String requestId, int[] users, String[] versions, int[] offsets, int[] playlists) {

  /** Number of users (rows this request adds to {@code impressions}). */
  public int size() {
    return users.length;
  }
}
