package io.playloop.serving;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.DatabaseUnavailableException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Starts the server: {@code ServerMain [--port N] [--db JDBC-URL] [--config FILE]}. */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, Object> overrides = new HashMap<>();
    String configFile = System.getenv(PlayloopConfig.CONFIG_FILE_ENV);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        System.out.println(usage());
        return;
      }
      if (i + 1 >= args.length) {
        fail("missing value for " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--port" -> overrides.put("serving.port", parsePort(v));
        case "--host" -> overrides.put("serving.host", v);
        case "--db" -> overrides.put("db.url", v);
        case "--config" -> configFile = v;
        default -> fail("unknown option " + a);
      }
    }
    ServingSettings settings;
    try {
      settings = ServingSettings.from(PlayloopConfig.load(configFile, overrides));
    } catch (RuntimeException e) {
      fail(e.getMessage());
      return;
    }
    PlayloopServer server;
    try {
      server = PlayloopServer.start(settings);
    } catch (DatabaseUnavailableException e) {
      System.err.println("playloop serve: " + e.getMessage());
      System.exit(1);
      return;
    }
    String host = settings.host().equals("0.0.0.0") ? "localhost" : settings.host();
    System.out.println("Playloop is serving: open http://" + host + ":" + server.port() + "/");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static int parsePort(String v) {
    try {
      int p = Integer.parseInt(v);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    fail("--port must be a number from 0 to 65535, got " + v);
    return 0;
  }

  private static void fail(String message) {
    System.err.println("playloop serve: " + message + "\n" + usage());
    System.exit(2);
  }

  static String usage() {
    return "usage: playloop serve [--port 8080] [--host 0.0.0.0] [--db JDBC-URL] [--config FILE]";
  }
}
