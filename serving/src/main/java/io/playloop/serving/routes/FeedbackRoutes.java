package io.playloop.serving.routes;

import io.javalin.http.Context;
import io.playloop.core.api.ApiPaths;
import io.playloop.core.api.FeedbackAck;
import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.ServerContext;
import io.playloop.serving.http.Errors;
import io.playloop.serving.http.JsonBody;
import io.playloop.serving.http.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /feedback}: answered {@code {"msg":"Feedback Sent"}} only once the row is committed.
 * The handler returns at once; the commit's future writes the response.
 */
public final class FeedbackRoutes implements RouteModule {
  private static final byte[] SENT = FeedbackAck.SENT_JSON.getBytes(StandardCharsets.UTF_8);

  /** Longest a request waits for its commit before it gets a 503. */
  private static final long COMMIT_TIMEOUT_SECONDS = 10;

  @Override
  public void register(Routes routes, ServerContext context) {
    var s = context.settings();
    RequestParser parser =
        new RequestParser(s.maxUserIds(), s.maxOtherPlaylists(), s.maxExcludePlaylists());
    routes.post(ApiPaths.FEEDBACK, Routes.Access.TOKEN, ctx -> feedback(ctx, context, parser));
  }

  private static void feedback(Context ctx, ServerContext context, RequestParser parser) {
    FeedbackRequest f = parser.feedback(JsonBody.read(ctx, context.settings().maxBodyBytes()));
    var committed = context.feedback().store(f);
    ctx.future(
        () ->
            committed
                .orTimeout(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .handle(
                    (ok, error) -> {
                      if (error == null) {
                        ctx.contentType("application/json").result(SENT);
                      } else {
                        Errors.write(ctx, error);
                      }
                      return null;
                    }));
  }
}
