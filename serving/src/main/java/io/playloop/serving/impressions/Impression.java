package io.playloop.serving.impressions;

/**
 * What one recommend request served: per user (distinct), the model version and the playlists,
 * which are {@code playlists[offsets[i] .. offsets[i+1])}; when the request explored, how many of
 * each user's positions were explored, and each position's propensity at its index in {@code
 * playlists}: positive at an explored position, 0 at the others. One queue entry per request.
 */
public record Impression(
    String requestId,
    int[] users,
    String[] versions,
    int[] offsets,
    int[] playlists,
    byte[] explored,
    float[] propensities) {

  /** Whether any position of the request was explored ({@code explored} is null otherwise). */
  public boolean explores() {
    return explored != null;
  }

  /** Number of users (rows this request adds to {@code impressions}). */
  public int size() {
    return users.length;
  }
}
