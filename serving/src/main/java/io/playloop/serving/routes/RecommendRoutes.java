package io.playloop.serving.routes;

import io.javalin.http.Context;
import io.playloop.core.api.ApiPaths;
import io.playloop.core.api.RecommendRequest;
import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.ServerContext;
import io.playloop.serving.http.JsonBody;
import io.playloop.serving.http.RequestParser;
import io.playloop.serving.recommend.RecommendationService;
import io.playloop.serving.recommend.Recommendations;

/**
 * {@code POST /api/playlist/recommend/} with {@code {"user_ids": [...], "exclude_playlists":
 * [...]}}: the playlists per user from the in-memory snapshot. 400 on an invalid body, 413/415 on
 * its size or type, 503 before a model is active.
 */
public final class RecommendRoutes implements RouteModule {
  @Override
  public void register(Routes routes, ServerContext context) {
    var s = context.settings();
    RequestParser parser =
        new RequestParser(s.maxUserIds(), s.maxOtherPlaylists(), s.maxExcludePlaylists());
    RecommendationService service = context.recommendations();
    // One result per request thread, refilled by each request (the hot path allocates no per-user
    // lookup arrays).
    ThreadLocal<Recommendations> results = ThreadLocal.withInitial(service::newResult);
    routes.post(
        ApiPaths.RECOMMEND,
        Routes.Access.PAGE_READ,
        ctx -> recommend(ctx, parser, service, results.get(), s.maxBodyBytes()));
  }

  private static void recommend(
      Context ctx,
      RequestParser parser,
      RecommendationService service,
      Recommendations result,
      int maxBodyBytes) {
    RecommendRequest request = parser.recommend(JsonBody.read(ctx, maxBodyBytes));
    service.recommend(request, result);
    ctx.contentType("application/json").result(RecommendResponseWriter.write(result));
  }
}
