package io.playloop.serving;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.DatabaseUnavailableException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the server: {@code playloop serve [--port N] [--host ADDRESS] [--db JDBC-URL] [--config
 * FILE]}, or mints a client's token: {@code playloop serve credentials add}. Each option overrides
 * one configuration key; its default is that key's value in conf/playloop.conf (shown by {@code
 * --help}), so it is written in one place only.
 */
@Command(
    name = "playloop serve",
    mixinStandardHelpOptions = true,
    version = "playloop serve 0.1.0",
    sortOptions = false,
    subcommands = CredentialsCommand.class,
    description = "Serves recommendations, feedback, the hosted page, /metrics and the dashboard.",
    footer = {
      "",
      "Every other setting is a key of section playloop.serving in the configuration file;"
          + " see conf/playloop.conf."
    })
public final class ServerMain implements Callable<Integer> {
  /** Exit code when the settings are invalid (as for a command-line error). */
  static final int BAD_SETTINGS = 2;

  /** Exit code when PostgreSQL cannot be used. */
  static final int NO_DATABASE = 1;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "port to listen on, 0 for any free one (key serving.port, default ${bundle:serving.port})")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "address to bind (key serving.host, default ${bundle:serving.host})")
  String host;

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = "PostgreSQL to use (key db.url, default ${bundle:db.url})")
  String dbUrl;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "a configuration file over conf/playloop.conf (default: $"
              + PlayloopConfig.CONFIG_FILE_ENV
              + " if set)")
  String configFile = System.getenv(PlayloopConfig.CONFIG_FILE_ENV);

  @Option(
      names = "--migrate",
      description =
          "run the database migrations at start (key serving.migrate = always); by default only"
              + " a server without a database password does")
  boolean migrate;

  private final PrintWriter err;

  ServerMain(PrintWriter err) {
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
            .execute(args));
  }

  /** The command line: help to {@code out}, errors to {@code err}, with the exit codes. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new ServerMain(err));
    cmd.setResourceBundle(new Defaults());
    cmd.setUsageHelpWidth(120);
    cmd.setOut(out);
    cmd.setErr(err);
    return cmd;
  }

  /** The configuration keys the options override, from the options given. */
  Map<String, Object> overrides() {
    Map<String, Object> overrides = new HashMap<>();
    if (port != null) {
      overrides.put("serving.port", port);
    }
    if (host != null) {
      overrides.put("serving.host", host);
    }
    if (dbUrl != null) {
      overrides.put("db.url", dbUrl);
    }
    if (migrate) {
      overrides.put("serving.migrate", "always");
    }
    return overrides;
  }

  /** Reads and checks the settings once; a clear message and exit code 2 when they are wrong. */
  ServingSettings settings() {
    return ServingSettings.from(PlayloopConfig.load(configFile, overrides()));
  }

  @Override
  public Integer call() throws InterruptedException {
    ServingSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
      err.println("playloop serve: " + e.getMessage());
      return BAD_SETTINGS;
    }
    PlayloopServer server;
    try {
      server = PlayloopServer.start(settings);
    } catch (DatabaseUnavailableException e) {
      err.println("playloop serve: " + e.getMessage());
      return NO_DATABASE;
    } catch (IllegalArgumentException e) {
      // the credentials file or the keystore, read at start
      err.println("playloop serve: " + e.getMessage());
      return BAD_SETTINGS;
    }
    String shown = settings.host().equals("0.0.0.0") ? "localhost" : settings.host();
    System.out.println(
        "Playloop is serving: open "
            + (server.https() ? "https" : "http")
            + "://"
            + shown
            + ":"
            + server.port()
            + "/");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** The shipped configuration's values, for the help text's defaults. */
  static final class Defaults extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
      var defaults = PlayloopConfig.load(null).raw();
      return new Object[][] {
        {"serving.port", defaults.getString("serving.port")},
        {"serving.host", defaults.getString("serving.host")},
        {"db.url", defaults.getString("db.url")},
      };
    }
  }
}
