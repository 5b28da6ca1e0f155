package io.playloop.core.api;

/**
 * Body of {@code POST /feedback}: {@code {"user_id":1,"like_playlist":2,"other_playlists":[...]}}
 * with the optional {@code request_id} and {@code model_version} of the recommend answer it
 * follows. JSON names are snake_case.
 */
public record FeedbackRequest(
    int userId, int likePlaylist, int[] otherPlaylists, String requestId, String modelVersion) {

  public FeedbackRequest(int userId, int likePlaylist, int... otherPlaylists) {
    this(userId, likePlaylist, otherPlaylists, null, null);
  }

  /** The request's JSON body. */
  public String toJson() {
    StringBuilder b = new StringBuilder("{\"user_id\":").append(userId);
    b.append(",\"like_playlist\":").append(likePlaylist).append(",\"other_playlists\":");
    ApiJson.appendInts(b, otherPlaylists);
    if (requestId != null) {
      b.append(",\"request_id\":");
      ApiJson.appendString(b, requestId);
    }
    if (modelVersion != null) {
      b.append(",\"model_version\":");
      ApiJson.appendString(b, modelVersion);
    }
    return b.append('}').toString();
  }
}
