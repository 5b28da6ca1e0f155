package io.playloop.experiments;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.DbSettings;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.simulate.ApiClient;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The serving jar started as a child process against a database, for jobs that run the whole loop
 * on one machine (the demo, the drift experiment): start, wait until ready, wait until it serves a
 * model version, stop.
 */
public final class LocalServer implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String url;

  private LocalServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.url = "http://127.0.0.1:" + port;
  }

  /** The server jar at {@code path}, or a usage error saying how to build it. */
  public static File jar(String path) {
    File jar = new File(path);
    if (!jar.isFile()) {
      throw new UsageException(
          "the server jar "
              + jar.getAbsolutePath()
              + " is missing: run mvn -B -q package -DskipTests");
    }
    return jar;
  }

  /** Starts the server on {@code port} against {@code db}; its output goes to {@code log}. */
  public static LocalServer start(File jar, int port, DbSettings db, Path log) throws IOException {
    return start(jar, port, db, log, Map.of(), null);
  }

  /**
   * Starts the server with configuration keys (dotted paths below "playloop", such as
   * serving.explore.share) written to {@code configFile}, which the server reads as its deployment
   * file.
   */
  public static LocalServer start(
      File jar, int port, DbSettings db, Path log, Map<String, ?> config, Path configFile)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx1g",
            "-jar",
            jar.getAbsolutePath(),
            "--port",
            String.valueOf(port),
            "--db",
            db.url());
    pb.environment().put("PLAYLOOP_DB_USER", db.user());
    pb.environment().put("PLAYLOOP_DB_PASSWORD", db.password());
    if (!config.isEmpty()) {
      StringBuilder conf = new StringBuilder();
      for (Map.Entry<String, ?> e : config.entrySet()) {
        conf.append("playloop.").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
      }
      Files.writeString(configFile, conf.toString());
      pb.environment().put(PlayloopConfig.CONFIG_FILE_ENV, configFile.toString());
    }
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new LocalServer(pb.start(), log, port);
  }

  public String url() {
    return url;
  }

  public Process process() {
    return process;
  }

  /** Waits up to 60 s for /ready to answer 200. */
  public void awaitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 120; i++) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server stopped: see " + log + ":\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the server did not become ready in 60 s: see " + log);
  }

  /**
   * Waits up to 30 s until a recommend answer names {@code version} (the server polls the
   * registry); returns the version last seen.
   */
  public String awaitServed(String version) throws Exception {
    ApiClient client = new ApiClient(url, null, 3, 200);
    String served = null;
    for (int i = 0; i < 60; i++) {
      var call = client.recommend(1);
      served = call.ok() ? call.value().modelVersion() : null;
      if (version != null && version.equals(served)) {
        return served;
      }
      Thread.sleep(500);
    }
    return served;
  }

  /** Leaves the server running until this JVM stops. */
  public void stopOnExit() {
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
