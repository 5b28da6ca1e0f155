package io.playloop.serving;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.playloop.core.db.Database;
import io.playloop.serving.auth.AccessPolicy;
import io.playloop.serving.auth.Credentials;
import io.playloop.serving.auth.ServedTags;
import io.playloop.serving.dashboard.DashboardRoutes;
import io.playloop.serving.dashboard.LoopGauges;
import io.playloop.serving.feedback.FeedbackPool;
import io.playloop.serving.feedback.FeedbackStore;
import io.playloop.serving.feedback.GroupCommitWriter;
import io.playloop.serving.feedback.SingleCommitStore;
import io.playloop.serving.http.Errors;
import io.playloop.serving.impressions.ImpressionLogger;
import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.model.LikedPlaylists;
import io.playloop.serving.model.LikedPlaylistsLoader;
import io.playloop.serving.model.ModelWatcher;
import io.playloop.serving.pg.PostgresPool;
import io.playloop.serving.recommend.RecommendationService;
import io.playloop.serving.routes.FeedbackRoutes;
import io.playloop.serving.routes.OpsRoutes;
import io.playloop.serving.routes.PageRoutes;
import io.playloop.serving.routes.RecommendRoutes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: migrates the database, loads the liked playlists and the active model, starts
 * the feedback and impression writers, then serves every {@link RouteModule} on Javalin.
 */
public final class PlayloopServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlayloopServer.class);

  private final Javalin app;
  private final HikariDataSource dataSource;
  private final HikariDataSource feedbackPool;
  private final ServerContext context;
  private final Listeners listeners;
  private final Credentials credentials;

  private PlayloopServer(
      Javalin app,
      HikariDataSource dataSource,
      HikariDataSource feedbackPool,
      ServerContext context,
      Listeners listeners,
      Credentials credentials) {
    this.app = app;
    this.dataSource = dataSource;
    this.feedbackPool = feedbackPool;
    this.context = context;
    this.listeners = listeners;
    this.credentials = credentials;
  }

  /** The server's own modules: the API, operations, the hosted page and the dashboard. */
  public static List<RouteModule> standardModules() {
    return List.of(
        new RecommendRoutes(),
        new FeedbackRoutes(),
        new OpsRoutes(),
        new PageRoutes(),
        new DashboardRoutes());
  }

  /** Starts the standard modules. */
  public static PlayloopServer start(ServingSettings settings) {
    return start(settings, List.of());
  }

  /** Starts the standard modules plus {@code extraModules} (e.g. the dashboard's pages). */
  public static PlayloopServer start(ServingSettings settings, List<RouteModule> extraModules) {
    if (settings.migrateAtStart()) {
      Database.prepare(settings.db());
    } else {
      Database.requireMigrated(settings.db());
    }
    HikariDataSource dataSource = pool(settings);
    HikariDataSource feedbackPool = FeedbackPool.open(settings);
    ServingMetrics metrics = new ServingMetrics();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      ServingSettings.Auth auth = settings.auth();
      Credentials credentials =
          auth.credentialsFile() == null ? null : Credentials.watch(auth.credentialsFile());
      if (credentials != null) {
        started.add(credentials);
      }
      ServedTags servedTags = servedTags(auth);
      LikedPlaylists liked = LikedPlaylistsLoader.load(dataSource, settings.liked());
      ModelWatcher models = new ModelWatcher(dataSource, metrics);
      started.add(models);
      models.start(settings.modelPoll());
      FeedbackStore feedback =
          settings.feedbackCommit() == ServingSettings.FeedbackCommit.GROUP
              ? new GroupCommitWriter(
                  feedbackPool,
                  metrics,
                  liked,
                  settings.feedbackQueueCapacity(),
                  settings.feedbackMaxBatch(),
                  settings.feedbackWriters())
              : new SingleCommitStore(feedbackPool, metrics, liked);
      started.add(feedback);
      ImpressionLogger impressions =
          new ImpressionLogger(dataSource, metrics, settings.impressionQueueBytes());
      started.add(impressions);
      RecommendationService recommendations =
          new RecommendationService(
              models,
              liked,
              settings.impressionsEnabled() ? impressions : null,
              metrics,
              settings.playlistsPerUser(),
              servedTags,
              settings.explore());
      ServerContext context =
          new ServerContext(
              settings,
              dataSource,
              metrics,
              models,
              liked,
              feedback,
              impressions,
              recommendations,
              servedTags);
      metrics.registry().register(new LoopGauges(dataSource));
      List<RouteModule> modules = new ArrayList<>(standardModules());
      modules.addAll(extraModules);
      Listeners listeners = new Listeners(settings);
      AccessPolicy policy = new AccessPolicy(credentials);
      Javalin app =
          Javalin.create(config -> configure(config, context, modules, listeners, policy));
      app.start();
      listeners.started(app.jettyServer().server());
      String scheme = listeners.https() ? "https" : "http";
      LOG.info(
          "Playloop serving on {}://{}:{}/{}{}",
          scheme,
          settings.host(),
          app.port(),
          listeners.separateManagement()
              ? " (management routes on port " + listeners.managementPort() + ")"
              : "",
          credentials == null
              ? " without credentials (loopback only)"
              : " with " + credentials.size() + " credentials from " + auth.credentialsFile());
      return new PlayloopServer(app, dataSource, feedbackPool, context, listeners, credentials);
    } catch (SQLException | RuntimeException e) {
      for (AutoCloseable c : started) {
        closeQuietly(c);
      }
      dataSource.close();
      feedbackPool.close();
      if (e instanceof SQLException sql) {
        throw Database.unavailable(settings.db(), sql);
      }
      throw (RuntimeException) e;
    }
  }

  private static ServedTags servedTags(ServingSettings.Auth auth) {
    if (!auth.requireServed()) {
      return null;
    }
    if (auth.servedKey().isEmpty()) {
      LOG.warn(
          "feedback.require-served without served-key: request_ids are signed with a random key,"
              + " so a restart invalidates those already handed out (set PLAYLOOP_SERVED_KEY)");
      return ServedTags.random();
    }
    return ServedTags.withSecret(auth.servedKey());
  }

  private static void configure(
      io.javalin.config.JavalinConfig config,
      ServerContext context,
      List<RouteModule> modules,
      Listeners listeners,
      AccessPolicy policy) {
    config.jetty.addConnector(listeners::main);
    if (listeners.separateManagement()) {
      config.jetty.addConnector(listeners::management);
    }
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    // Javalin's default is 32 KiB per response; our answers are small (measured: 44 -> 17 KB/req).
    config.http.responseBufferSize = 4096;
    config.http.maxRequestSize = context.settings().maxBodyBytes();
    config.router.ignoreTrailingSlashes = true;
    ServingMetrics metrics = context.metrics();
    config.requestLogger.http(
        (ctx, ms) -> {
          String route = route(ctx);
          String status = Integer.toString(ctx.statusCode());
          String method = ctx.method().name();
          metrics.requests.labelValues(route, method, status).inc();
          metrics.latency.labelValues(route, method, status).observe(ms / 1000.0);
        });
    config.routes.exception(
        io.javalin.http.HttpResponseException.class,
        (e, ctx) -> {
          String message =
              e.getStatus() == 404
                  ? "no such route: " + ctx.method() + " " + clip(ctx.path())
                  : e.getStatus() == 405
                      ? "method not allowed: " + ctx.method() + " " + clip(ctx.path())
                      : clip(String.valueOf(e.getMessage()));
          Errors.write(ctx, e.getStatus(), message);
        });
    // Every other exception, the services' included: Errors maps it to its status.
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (Errors.status(e) == 500) {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
          }
          Errors.write(ctx, e);
        });
    config.routes.error(
        404,
        ctx -> {
          if (ctx.result() == null) {
            Errors.write(ctx, 404, "no such route: " + ctx.method() + " " + clip(ctx.path()));
          }
        });
    config.routes.error(
        405,
        ctx -> {
          if (ctx.result() == null) {
            Errors.write(ctx, 405, "method not allowed: " + ctx.method());
          }
        });
    Routes routes = new Routes(config.routes, policy, context.settings().auth(), listeners);
    for (RouteModule m : modules) {
      m.register(routes, context);
    }
  }

  private static String route(Context ctx) {
    try {
      var endpoint = ctx.endpoint();
      return endpoint == null ? "unmatched" : endpoint.path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  private static String clip(String s) {
    String safe = s.replaceAll("[^A-Za-z0-9/._-]", "?");
    return safe.length() > 80 ? safe.substring(0, 80) + "..." : safe;
  }

  private static HikariDataSource pool(ServingSettings settings) {
    return PostgresPool.open("playloop-serving", settings.db(), settings.dbPoolSize());
  }

  /** The port the server listens on (useful when started on port 0). */
  public int port() {
    return app.port();
  }

  /** The management port when one is configured (-1 otherwise). */
  public int managementPort() {
    return listeners.managementPort();
  }

  /** Whether the server speaks HTTPS. */
  public boolean https() {
    return listeners.https();
  }

  public ServerContext context() {
    return context;
  }

  /**
   * Stops in the order that loses no acknowledged feedback: stop accepting connections, commit and
   * answer the feedback already taken, then stop Jetty and the rest.
   */
  @Override
  public void close() {
    stopAccepting();
    closeQuietly(context.feedback());
    app.stop();
    closeQuietly(context.impressions());
    closeQuietly(context.models());
    if (credentials != null) {
      credentials.close();
    }
    dataSource.close();
    feedbackPool.close();
  }

  /** Closes the listening sockets; connections already open keep being served. */
  private void stopAccepting() {
    for (var connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof org.eclipse.jetty.server.NetworkConnector network) {
        network.close();
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("Error while stopping: {}", e.toString());
    }
  }
}
