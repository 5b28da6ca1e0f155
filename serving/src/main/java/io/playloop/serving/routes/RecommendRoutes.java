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
import io.playloop.serving.http.JsonBytes;
import io.playloop.serving.http.RequestIds;
import io.playloop.serving.http.RequestParser;
import io.playloop.serving.impressions.ImpressionBuilder;
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
    ImpressionBuilder served =
        s.impressionsEnabled() ? new ImpressionBuilder(requestId, users, perUser) : null;
    // The extra fields are the same for every user of a version: write them once per request.
    byte[] activeSuffix = suffix(models.active().version(), requestId);
    byte[] candidateSuffix = null;
    ModelSnapshot[] snapshots = new ModelSnapshot[users.length];
    int[] slots = new int[users.length];
    int[][] likes = new int[users.length][];
    int[] firsts = new int[users.length];
    recommender.lookUp(models, users, snapshots, slots, firsts, likes);
    JsonBytes b = new JsonBytes(32 + 120 * users.length).append((byte) '[');
    int fallbacks = 0;
    for (int i = 0; i < users.length; i++) {
      int user = users[i];
      ModelSnapshot snapshot = snapshots[i];
      int r =
          recommender.recommend(snapshot, models.owners(), user, slots[i], likes[i], exclude, out);
      int n = r < 0 ? -r - 1 : r;
      if (r < 0) {
        fallbacks++;
      }
      if (i > 0) {
        b.append((byte) ',');
      }
      byte[] suffix;
      if (snapshot == models.active()) {
        suffix = activeSuffix;
      } else {
        if (candidateSuffix == null) {
          candidateSuffix = suffix(snapshot.version(), requestId);
        }
        suffix = candidateSuffix;
      }
      element(b, user, out, n, suffix);
      if (served != null) {
        served.add(i, user, snapshot.version(), out, n);
      }
    }
    if (served != null) {
      context.impressions().log(served.build());
    }
    if (fallbacks > 0) {
      context.metrics().popularityFallbacks.inc(fallbacks);
    }
    context.metrics().recommendedUsers.inc(users.length);
    b.append((byte) ']');
    ctx.contentType("application/json").result(b.toByteArray());
  }

  private static final byte[] USER_ID = ascii(RecommendedPlaylists.USER_ID_FIELD);
  private static final byte[] PLAYLISTS = ascii(RecommendedPlaylists.PLAYLISTS_FIELD);

  /** {@link RecommendedPlaylists#appendJson}, written as bytes. */
  static void element(JsonBytes b, int user, int[] playlists, int n, byte[] suffix) {
    b.append(USER_ID).append(user).append(PLAYLISTS);
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        b.append((byte) ',');
      }
      b.append(playlists[k]);
    }
    b.append((byte) ']').append(suffix);
  }

  static byte[] suffix(String version, String requestId) {
    return RecommendedPlaylists.extraFields(version, requestId).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
