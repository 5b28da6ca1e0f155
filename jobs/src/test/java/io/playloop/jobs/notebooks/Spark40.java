package io.playloop.jobs.notebooks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark 4.0 with its matching Delta Lake, from Maven Central, in a JVM of its own: the classpath is
 * resolved by maven-dependency-plugin from src/test/spark40/pom.xml (kept in target/ until that pom
 * changes) and holds nothing of Playloop's but {@link SparkSqlReader}.
 */
final class Spark40 {
  static final Path POM = Path.of("src/test/spark40/pom.xml");
  private static final Path CLASSPATH_FILE = Path.of("target/spark40.classpath");

  private Spark40() {}

  /** What the reader printed: the Spark version it ran on and the statements' rows. */
  record Result(String sparkVersion, String rows) {}

  /** The version of {@code artifactId} that the pom asks for. */
  static String version(String artifactId) throws IOException {
    Matcher m =
        Pattern.compile(
                "<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)<")
            .matcher(Files.readString(POM));
    if (!m.find()) {
      throw new IllegalStateException(artifactId + " is not in " + POM);
    }
    return m.group(1);
  }

  /**
   * The jars, resolved once (Maven downloads them on the first run). Test JVMs may run side by
   * side: a file lock lets one resolve while the others wait and then read what it wrote.
   */
  static synchronized List<Path> classpath() throws Exception {
    Files.createDirectories(CLASSPATH_FILE.toAbsolutePath().getParent());
    try (FileChannel lockFile =
            FileChannel.open(
                Path.of("target/spark40.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (!Files.exists(CLASSPATH_FILE)
          || Files.getLastModifiedTime(CLASSPATH_FILE).compareTo(Files.getLastModifiedTime(POM))
              < 0) {
        resolve();
      }
      return Arrays.stream(Files.readString(CLASSPATH_FILE).trim().split(":"))
          .map(Path::of)
          .toList();
    }
  }

  private static void resolve() throws Exception {
    Path log = Path.of("target/spark40-resolve.log");
    Process mvn =
        new ProcessBuilder(
                "mvn",
                "-B",
                "-q",
                "-f",
                POM.toString(),
                "validate",
                "-Dclasspath.file=" + CLASSPATH_FILE.toAbsolutePath())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!mvn.waitFor(15, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
      mvn.destroyForcibly();
      throw new IllegalStateException(
          "resolving Spark 4.0 failed (mvn -f " + POM + "):\n" + Files.readString(log));
    }
  }

  /** Runs {@code statements} with Spark properties {@code conf} on Spark 4.0. */
  static Result run(Properties conf, List<String> statements, Path work) throws Exception {
    return run(conf, statements, work, Map.of());
  }

  /** The same, with {@code env} in the JVM's environment (as zeppelin-env.sh exports it). */
  static Result run(Properties conf, List<String> statements, Path work, Map<String, String> env)
      throws Exception {
    Path confFile = work.resolve("spark.conf");
    try (var out = Files.newBufferedWriter(confFile)) {
      conf.store(out, "a Zeppelin %spark.conf paragraph");
    }
    Path sqlFile =
        Files.writeString(
            work.resolve("statements.sql"), String.join(SparkSqlReader.SEPARATOR, statements));
    Path readerDir = isolatedReaderClass(work.resolve("reader"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(sparkJvmFlags());
    command.add("-cp");
    List<String> entries = new ArrayList<>(classpath().stream().map(Path::toString).toList());
    entries.add(readerDir.toString());
    command.add(String.join(":", entries));
    command.add(SparkSqlReader.class.getName());
    command.add(confFile.toString());
    command.add(sqlFile.toString());
    Path stdout = work.resolve("reader.out");
    Path stderr = work.resolve("reader.err");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("Spark 4.0 reader did not finish in 10 minutes");
    }
    if (p.exitValue() != 0) {
      String err = Files.readString(stderr);
      throw new AssertionError(
          "Spark 4.0 reader failed (exit "
              + p.exitValue()
              + "):\n"
              + err.substring(Math.max(0, err.length() - 6000)));
    }
    String out = Files.readString(stdout);
    int firstLine = out.indexOf('\n');
    String header = out.substring(0, firstLine);
    if (!header.startsWith("spark-version ")) {
      throw new AssertionError("unexpected reader output: " + header);
    }
    return new Result(header.substring("spark-version ".length()), out.substring(firstLine + 1));
  }

  /** The reader's class file alone in a folder: nothing else of Playloop's gets on the path. */
  private static Path isolatedReaderClass(Path dir) throws Exception {
    String relative = SparkSqlReader.class.getName().replace('.', '/') + ".class";
    Path compiled =
        Path.of(SparkSqlReader.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(relative);
    Path target = dir.resolve(relative);
    Files.createDirectories(target.getParent());
    Files.copy(compiled, target, StandardCopyOption.REPLACE_EXISTING);
    return dir;
  }

  /** The --add-opens flags this test JVM got for Spark on Java 17 (jobs/pom.xml's argLine). */
  private static List<String> sparkJvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-opens")
                    || a.startsWith("-Djdk.reflect")
                    || a.startsWith("-Dio.netty")
                    || a.equals("-XX:+IgnoreUnrecognizedVMOptions"))
        .toList();
  }
}
