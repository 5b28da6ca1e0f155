package io.playloop.serving.routes;

import io.javalin.http.Context;
import io.playloop.core.api.ApiPaths;
import io.playloop.core.api.FeedbackAck;
import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.RouteModule;
import io.playloop.serving.Routes;
import io.playloop.serving.ServerContext;
import io.playloop.serving.feedback.IdempotencyKey;
import io.playloop.serving.http.Errors;
import io.playloop.serving.http.JsonBody;
import io.playloop.serving.http.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /feedback}: answered {@code {"msg":"Feedback Sent"}} only once the row is committed,
 * or once a row with the same idempotency key (from the {@code Idempotency-Key} header or the
 * request_id) is found already committed: a retry is answered the same and stored once. The handler
 * returns at once; the commit's future writes the response. With feedback.require-served, a like
 * without credentials must carry the signed request_id of the answer that served it.
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
    routes.post(ApiPaths.FEEDBACK, Routes.Access.FEEDBACK, ctx -> feedback(ctx, context, parser));
  }

  private static void feedback(Context ctx, ServerContext context, RequestParser parser) {
    FeedbackRequest f = parser.feedback(JsonBody.read(ctx, context.settings().maxBodyBytes()));
    if (context.servedTags() != null && Routes.caller(ctx).anonymous()) {
      context.servedTags().verify(f);
    }
    UUID key = IdempotencyKey.of(f, ctx.header(IdempotencyKey.HEADER));
    var committed = context.feedback().store(f, key);
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
