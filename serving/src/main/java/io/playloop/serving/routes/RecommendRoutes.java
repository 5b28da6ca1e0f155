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
    String activeSuffix = RecommendedPlaylists.extraFields(models.active().version(), requestId);
    String candidateSuffix = null;
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
      String suffix;
      if (snapshot == models.active()) {
        suffix = activeSuffix;
      } else {
        if (candidateSuffix == null) {
          candidateSuffix = RecommendedPlaylists.extraFields(snapshot.version(), requestId);
        }
        suffix = candidateSuffix;
      }
      RecommendedPlaylists.appendJson(b, user, out, n, suffix);
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
    b.append(']');
    ctx.contentType("application/json").result(b.toString().getBytes(StandardCharsets.UTF_8));
  }
}
