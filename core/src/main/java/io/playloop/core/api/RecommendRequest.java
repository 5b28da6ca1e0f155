package io.playloop.core.api;

/**
 * Body of {@code POST /api/playlist/recommend/}: {@code {"user_ids":[...]}} with an optional {@code
 * "exclude_playlists":[...]} (playlists never to return). JSON names are snake_case.
 */
public record RecommendRequest(int[] userIds, int[] excludePlaylists) {
  public RecommendRequest {
    excludePlaylists = excludePlaylists == null ? new int[0] : excludePlaylists;
  }

  public RecommendRequest(int... userIds) {
    this(userIds, new int[0]);
  }

  /** The request's JSON body. */
  public String toJson() {
    StringBuilder b = new StringBuilder("{\"user_ids\":");
    ApiJson.appendInts(b, userIds);
    if (excludePlaylists.length > 0) {
      b.append(",\"exclude_playlists\":");
      ApiJson.appendInts(b, excludePlaylists);
    }
    return b.append('}').toString();
  }
}
