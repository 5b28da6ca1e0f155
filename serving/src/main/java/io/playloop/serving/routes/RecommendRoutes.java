package io.playloop.serving.routes;

import io.javalin.http.Context;
import io.playloop.core.api.ApiPaths;
import io.playloop.core.api.RecommendRequest;
import io.playloop.core.api.RecommendedPlaylists;
import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.ServerContext;
import io.playloop.serving.http.ApiException;
import io.playloop.serving.http.JsonBody;
import io.playloop.serving.http.RequestIds;
import io.playloop.serving.http.RequestParser;
import io.playloop.serving.impressions.Impression;
import io.playloop.serving.model.ModelSnapshot;
import io.playloop.serving.model.Recommender;
import io.playloop.serving.model.ServingModels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** {@code POST /api/playlist/recommend/}: 5 playlists per user from the in-memory snapshot. */
public final class RecommendRoutes implements RouteModule {
  private final RequestIds requestIds = new RequestIds();

  @Override
  public void register(Routes routes, ServerContext context) {
    var s = context.settings();
    RequestParser parser =
        new RequestParser(s.maxUserIds(), s.maxOtherPlaylists(), s.maxExcludePlaylists());
    Recommender recommender = new Recommender(context.liked());
    routes.post(
        ApiPaths.RECOMMEND,
        Routes.Access.OPEN,
        ctx -> recommend(ctx, context, parser, recommender));
  }

  private void recommend(
      Context ctx, ServerContext context, RequestParser parser, Recommender recommender) {
    var s = context.settings();
    RecommendRequest request = parser.recommend(JsonBody.read(ctx, s.maxBodyBytes()));
    ServingModels models = context.models().current();
    if (models == null) {
      context.metrics().unavailable.labelValues(ApiPaths.RECOMMEND, "no_model").inc();
      throw new ApiException(503, "no model is active yet; train and activate one first");
    }
    int[] exclude = request.excludePlaylists();
    Arrays.sort(exclude); // the parser's own copy
    String requestId = requestIds.next();
    int[] users = request.userIds();
    int perUser = s.playlistsPerUser();
    int[] out = new int[perUser];
    // What was served, for one impressions entry per request (duplicate users logged once).
    boolean[] repeated = repeatedUsers(users);
    int distinct = users.length;
    for (boolean r : repeated) {
      distinct -= r ? 1 : 0;
    }
    int[] loggedUsers = new int[distinct];
    String[] loggedVersions = new String[distinct];
    int[] offsets = new int[distinct + 1];
    int[] served = new int[distinct * perUser];
    int logged = 0;
    StringBuilder b = new StringBuilder(32 + 120 * users.length).append('[');
    int fallbacks = 0;
    for (int i = 0; i < users.length; i++) {
      int user = users[i];
      ModelSnapshot snapshot = models.forUser(user);
      int r = recommender.recommend(snapshot, models.owners(), user, exclude, out);
      int n = r < 0 ? -r - 1 : r;
      if (r < 0) {
        fallbacks++;
      }
      if (i > 0) {
        b.append(',');
      }
      RecommendedPlaylists.appendJson(b, user, out, n, snapshot.version(), requestId);
      if (!repeated[i]) {
        loggedUsers[logged] = user;
        loggedVersions[logged] = snapshot.version();
        System.arraycopy(out, 0, served, offsets[logged], n);
        offsets[logged + 1] = offsets[logged] + n;
        logged++;
      }
    }
    context
        .impressions()
        .log(new Impression(requestId, loggedUsers, loggedVersions, offsets, served));
    if (fallbacks > 0) {
      context.metrics().popularityFallbacks.inc(fallbacks);
    }
    b.append(']');
    ctx.contentType("application/json").result(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Marks each user id that already occurred earlier in the request. */
  static boolean[] repeatedUsers(int[] users) {
    boolean[] repeated = new boolean[users.length];
    if (users.length < 2) {
      return repeated;
    }
    if (users.length <= 16) {
      for (int i = 1; i < users.length; i++) {
        for (int j = 0; j < i && !repeated[i]; j++) {
          repeated[i] = users[j] == users[i];
        }
      }
      return repeated;
    }
    // Sort (value, position) pairs packed in longs; later positions of equal values repeat.
    long[] keyed = new long[users.length];
    for (int i = 0; i < users.length; i++) {
      keyed[i] = ((long) users[i] << 32) | i;
    }
    Arrays.sort(keyed);
    for (int i = 1; i < keyed.length; i++) {
      if ((keyed[i] >>> 32) == (keyed[i - 1] >>> 32)) {
        repeated[(int) keyed[i]] = true;
      }
    }
    return repeated;
  }
}
