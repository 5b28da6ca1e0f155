package io.playloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark standalone master and worker started from the project's own jars on 127.0.0.1, and a job
 * submitted to them through submit/playloop.
 */
class ClusterIT {
  @TempDir Path dir;

  @Test
  void generateRunsOnAStandaloneClusterThroughTheLauncher() throws Exception {
    int masterPort = freePort();
    int masterUi = freePort();
    int workerUi = freePort();
    Process master = null;
    Process worker = null;
    try (TestDatabase db = TestDatabase.create()) {
      master =
          daemon(
              "master",
              Launcher.javaCommand(
                  "512m",
                  "org.apache.spark.deploy.master.Master",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(masterPort),
                  "--webui-port",
                  Integer.toString(masterUi)));
      String masterUrl = "spark://127.0.0.1:" + masterPort;
      worker =
          daemon(
              "worker",
              Launcher.javaCommand(
                  "512m",
                  "org.apache.spark.deploy.worker.Worker",
                  masterUrl,
                  "--host",
                  "127.0.0.1",
                  "--cores",
                  "1",
                  "--memory",
                  "1g",
                  "--webui-port",
                  Integer.toString(workerUi),
                  "--work-dir",
                  dir.resolve("work").toString()));
      awaitAliveWorker(masterUi, master, worker);

      String lake = dir.resolve("lake").toUri().toString();
      Launcher launcher = new Launcher(dir);
      Launcher.Result r =
          launcher.run(
              "generate",
              Map.of(
                  "PLAYLOOP_SPARK_OPTS",
                  "--conf spark.executor.memory=512m --conf spark.cores.max=1"),
              600,
              "generate",
              "--users",
              "200",
              "--playlists",
              "400",
              "--songs",
              "2000",
              "--seed",
              "7",
              "--lake",
              lake,
              "--db",
              db.url(),
              "--master",
              masterUrl);

      assertThat(r.exitCode()).as(r.stderr()).isZero();
      // The work ran in an executor the worker started, not in the driver.
      try (Stream<Path> apps = Files.list(dir.resolve("work"))) {
        assertThat(apps.map(p -> p.getFileName().toString()).toList())
            .anyMatch(n -> n.startsWith("app-"));
      }
      Map<String, long[]> tables =
          LakeTables.probe(dir, lake, "USERS", "PLAYLISTS", "POSITIVES_SPLITS", "TRIPLETS");
      assertThat(tables.get("USERS")[1]).isEqualTo(200);
      assertThat(tables.get("PLAYLISTS")[1]).isEqualTo(400);
      assertThat(tables.get("POSITIVES_SPLITS")[1]).isPositive();
      assertThat(tables.get("TRIPLETS")[1]).isPositive();
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT job, status, rows_in, finished_at IS NOT NULL FROM pipeline_runs")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("generate");
        assertThat(rs.getString(2)).isEqualTo("succeeded");
        assertThat(rs.getLong(3)).isGreaterThanOrEqualTo(0);
        assertThat(rs.getBoolean(4)).isTrue();
        assertThat(rs.next()).isFalse();
      }
    } finally {
      stop(worker);
      stop(master);
    }
  }

  private Process daemon(String name, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("SPARK_HOME", Launcher.sparkHome().toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectOutput(dir.resolve(name + ".out").toFile());
    pb.redirectError(dir.resolve(name + ".err").toFile());
    return pb.start();
  }

  private void awaitAliveWorker(int masterUi, Process master, Process worker) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).build();
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (!master.isAlive() || !worker.isAlive()) {
        throw new AssertionError(
            "master or worker died: "
                + Files.readString(dir.resolve("master.err"))
                + Files.readString(dir.resolve("worker.err")));
      }
      try {
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        if (body.replace(" ", "").contains("\"aliveworkers\":1")) {
          return;
        }
      } catch (IOException notYet) {
        // the master's web UI is not up yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no worker registered with the master in 120 s");
  }

  private static void stop(Process p) throws InterruptedException {
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
