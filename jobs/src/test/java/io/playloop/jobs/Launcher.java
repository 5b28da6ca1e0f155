package io.playloop.jobs;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs submit/playloop as a user would, for integration tests: no SPARK_HOME (the project's own
 * jars), a modest driver heap, stdout and stderr captured in files.
 */
public final class Launcher {
  private final Path root;
  private final Path logs;

  public Launcher(Path logs) {
    this.root = Path.of(System.getProperty("playloop.root", "..")).toAbsolutePath().normalize();
    this.logs = logs;
  }

  public Path root() {
    return root;
  }

  /** Where the packaged jars are (jobs/target/spark-home). */
  public static Path sparkHome() {
    return Path.of(System.getProperty("playloop.sparkHome", "target/spark-home")).toAbsolutePath();
  }

  /** A finished run: exit code and what it printed. */
  public record Result(int exitCode, String stdout, String stderr) {
    public List<String> stderrLines() {
      return stderr.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** Starts {@code submit/playloop args...}; output goes to files named after {@code name}. */
  public Process start(String name, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(root.resolve("submit/playloop").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(logs.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("PLAYLOOP_DRIVER_MEMORY", "1g");
    pb.environment().putAll(env);
    pb.redirectOutput(stdout(name).toFile());
    pb.redirectError(stderr(name).toFile());
    return pb.start();
  }

  /** Runs to the end (or fails the test after {@code timeoutSeconds}). */
  public Result run(String name, Map<String, String> env, long timeoutSeconds, String... args)
      throws Exception {
    Process p = start(name, env, args);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          "playloop " + String.join(" ", args) + " did not finish in " + timeoutSeconds + "s");
    }
    return new Result(p.exitValue(), read(stdout(name)), read(stderr(name)));
  }

  public Result run(String name, long timeoutSeconds, String... args) throws Exception {
    return run(name, Map.of(), timeoutSeconds, args);
  }

  private Path stdout(String name) {
    return logs.resolve(name + ".out");
  }

  private Path stderr(String name) {
    return logs.resolve(name + ".err");
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** A java command line over the project's Spark jars with Spark's Java 17 flags. */
  public static List<String> javaCommand(String heap, String mainClass, String... args) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Xmx" + heap);
    c.addAll(List.of(SPARK_OPENS.split(" ")));
    c.add("-cp");
    String testClasses = Path.of("target/test-classes").toAbsolutePath().toString();
    c.add(sparkHome().resolve("jars") + File.separator + "*" + File.pathSeparator + testClasses);
    c.add(mainClass);
    c.addAll(List.of(args));
    return c;
  }

  static final String SPARK_OPENS =
      "-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED"
          + " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
          + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
          + " --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
          + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
          + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
          + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
          + " --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"
          + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
          + " --add-opens=java.base/sun.nio.cs=ALL-UNNAMED"
          + " --add-opens=java.base/sun.security.action=ALL-UNNAMED"
          + " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
          + " -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true";
}
