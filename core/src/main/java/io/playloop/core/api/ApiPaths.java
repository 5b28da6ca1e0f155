package io.playloop.core.api;

/** The HTTP paths of the serving API, shared by the server and its clients. */
public final class ApiPaths {
  /** Recommendations; also answered without the trailing slash. */
  public static final String RECOMMEND = "/api/playlist/recommend/";

  /** Feedback: one liked playlist among those shown. */
  public static final String FEEDBACK = "/feedback";

  /** Catalog details for the hosted page: {@code ?ids=1,2,3}. */
  public static final String PLAYLISTS = "/api/playlists";

  public static final String HEALTH = "/health";
  public static final String READY = "/ready";
  public static final String METRICS = "/metrics";

  /** Admin: look for a new active model version now instead of at the next poll. */
  public static final String ADMIN_RELOAD = "/admin/reload-model";

  private ApiPaths() {}
}
