package io.playloop.serving;

/**
 * A set of routes the server registers at start. The server's own API, operations and page are
 * modules; another part (the data-quality dashboard) adds its pages the same way, by passing its
 * module to {@link PlayloopServer#start(ServingSettings, java.util.List)}.
 */
@FunctionalInterface
public interface RouteModule {
  void register(Routes routes, ServerContext context);
}
