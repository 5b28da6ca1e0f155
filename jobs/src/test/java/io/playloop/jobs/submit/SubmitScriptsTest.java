package io.playloop.jobs.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.config.PlayloopConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the submit scripts against a spark-submit (and a java) that only record their arguments: no
 * secret reaches a command line, every --properties-file comes with --load-spark-defaults, and the
 * secrets still reach the job.
 */
class SubmitScriptsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  // Quotes, a backslash and shell syntax: the secret must survive every layer unchanged.
  private static final String DB_PASSWORD = "db-pw-7f3a\"x\\y'$(id)";
  private static final String S3_SECRET = "s3-secret-c41e9b";
  private static final String RECORDER =
      """
      #!/usr/bin/env bash
      printf '%s\\n' "$@" > "$RECORD_DIR/args"
      prev=""
      for a in "$@"; do
        if [[ "$prev" == "--files" ]]; then
          shipped="${a%%#*}"
          cp "$shipped" "$RECORD_DIR/shipped"
          stat -c %a "$shipped" > "$RECORD_DIR/shipped.mode"
          printf '%s' "$shipped" > "$RECORD_DIR/shipped.path"
        fi
        prev="$a"
      done
      """;

  @TempDir Path tmp;
  Path record;
  Path sparkHome;
  Path javaHome;

  @BeforeEach
  void recorders() throws IOException {
    record = Files.createDirectories(tmp.resolve("record"));
    sparkHome = tmp.resolve("spark");
    javaHome = tmp.resolve("java");
    executable(sparkHome.resolve("bin/spark-submit"), RECORDER);
    executable(javaHome.resolve("bin/java"), RECORDER);
    Files.createDirectories(tmp.resolve("hadoop-conf"));
    Files.createDirectories(tmp.resolve("tmpdir"));
  }

  private static void executable(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs {@code script} with the secrets in its environment; returns the recorded arguments. */
  private List<String> run(String script, Map<String, String> extraEnv, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PLAYLOOP_") || k.startsWith("SPARK_"));
    env.put("RECORD_DIR", record.toString());
    env.put("TMPDIR", tmp.resolve("tmpdir").toString());
    env.put("HADOOP_CONF_DIR", tmp.resolve("hadoop-conf").toString());
    env.put("K8S_API", "https://k8s.example.test:6443");
    env.put("PLAYLOOP_DB_USER", "analyst");
    env.put("PLAYLOOP_DB_PASSWORD", DB_PASSWORD);
    env.put("PLAYLOOP_S3_ACCESS_KEY", "access-9d2");
    env.put("PLAYLOOP_S3_SECRET_KEY", S3_SECRET);
    env.putAll(extraEnv);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return Files.readAllLines(record.resolve("args"));
  }

  private static void assertNoSecretIn(List<String> args) {
    assertThat(args).noneMatch(a -> a.contains("db-pw-7f3a")).noneMatch(a -> a.contains(S3_SECRET));
  }

  /** Every --properties-file is followed by the flag that keeps the cluster's own defaults. */
  private static void assertPropertiesFileKeepsClusterDefaults(List<String> args) {
    int propertiesFiles = 0;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--properties-file")) {
        propertiesFiles++;
        assertThat(args.get(i + 1)).endsWith("conf/spark-defaults.conf");
      }
    }
    assertThat(propertiesFiles).isEqualTo(1);
    assertThat(args).containsOnlyOnce("--load-spark-defaults");
  }

  @Test
  void localRunsPassNoSecretAndKeepTheInstallationsDefaults() throws Exception {
    Path jar = Files.writeString(tmp.resolve("playloop-jobs.jar"), "not a jar");
    Map<String, String> withSparkHome =
        Map.of("SPARK_HOME", sparkHome.toString(), "PLAYLOOP_JOBS_JAR", jar.toString());
    Map<String, String> ownJars =
        Map.of("JAVA_HOME", javaHome.toString(), "PLAYLOOP_JOBS_JAR", jar.toString());

    for (Map<String, String> env : List.of(withSparkHome, ownJars)) {
      List<String> args = run("submit/playloop", env, "import", "--input", "u.data");

      assertNoSecretIn(args);
      assertPropertiesFileKeepsClusterDefaults(args);
      assertThat(args).containsSubsequence(jar.toString(), "import", "--input", "u.data");
    }
  }

  @Test
  void yarnShipsTheSecretsInAPrivateFileThatTheJobReads() throws Exception {
    List<String> args =
        run("submit/yarn.sh", Map.of("SPARK_HOME", sparkHome.toString()), "import", "--help");

    assertNoSecretIn(args);
    assertPropertiesFileKeepsClusterDefaults(args);
    assertThat(args).contains("spark.yarn.appMasterEnv.PLAYLOOP_DB_USER=analyst");
    assertThat(args).contains("spark.yarn.appMasterEnv.PLAYLOOP_CONFIG=playloop-job.conf");
    String shippedPath = Files.readString(record.resolve("shipped.path"));
    assertThat(args).contains(shippedPath + "#playloop-job.conf");
    assertThat(Files.readString(record.resolve("shipped.mode")).trim()).isEqualTo("600");
    // The job reads the shipped file as its configuration: the secrets arrive intact.
    PlayloopConfig config = PlayloopConfig.load(record.resolve("shipped").toString());
    assertThat(config.db().password()).isEqualTo(DB_PASSWORD);
    assertThat(config.s3().secretKey()).isEqualTo(S3_SECRET);
    // And nothing is left behind on the submitting machine.
    assertThat(Path.of(shippedPath)).doesNotExist();
    try (Stream<Path> left = Files.list(tmp.resolve("tmpdir"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void yarnNamesACredentialProviderWithoutSecrets() throws Exception {
    List<String> args =
        run(
            "submit/yarn.sh",
            Map.of(
                "SPARK_HOME",
                sparkHome.toString(),
                "PLAYLOOP_DB_PASSWORD",
                "",
                "PLAYLOOP_S3_SECRET_KEY",
                "",
                "PLAYLOOP_CREDENTIAL_PROVIDER",
                "jceks://hdfs/user/playloop/playloop.jceks"),
            "score");

    assertThat(args)
        .contains(
            "spark.hadoop.hadoop.security.credential.provider.path="
                + "jceks://hdfs/user/playloop/playloop.jceks")
        .doesNotContain("--files");
    assertThat(record.resolve("shipped")).doesNotExist();
  }

  @Test
  void kubernetesTakesSecretsFromTheClustersSecretAndPassesTheDatabaseUser() throws Exception {
    List<String> args =
        run(
            "submit/kubernetes.sh",
            Map.of(
                "SPARK_HOME",
                sparkHome.toString(),
                "PLAYLOOP_S3_CREDENTIALS_PROVIDER",
                "software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider"),
            "train");

    assertNoSecretIn(args);
    assertPropertiesFileKeepsClusterDefaults(args);
    Path template = ROOT.resolve("submit/kubernetes-driver-pod.yaml");
    assertThat(args)
        .contains("spark.kubernetes.driverEnv.PLAYLOOP_DB_USER=analyst")
        .contains("spark.kubernetes.driver.podTemplateFile=" + template)
        .contains(
            "spark.hadoop.fs.s3a.aws.credentials.provider="
                + "software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider")
        // Only names of settings, never a secret's name or value: the pod template reads them.
        .noneMatch(a -> a.toLowerCase().matches(".*(password|secret).*"));
    // The driver's environment takes each credential from the Kubernetes secret "playloop".
    String pod = Files.readString(template);
    for (String variable :
        List.of("PLAYLOOP_DB_PASSWORD", "PLAYLOOP_S3_ACCESS_KEY", "PLAYLOOP_S3_SECRET_KEY")) {
      assertThat(pod)
          .containsPattern(
              "- name: "
                  + variable
                  + "\\s+valueFrom:\\s+secretKeyRef:\\s+name: playloop\\s+key: "
                  + variable);
    }
  }

  /**
   * What the scripts do is checked above; the commands the docs show people are checked here: every
   * spark-submit command with --properties-file also says --load-spark-defaults.
   */
  @Test
  void everyDocumentedCommandWithAPropertiesFileKeepsTheClusterDefaults() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"));
        Stream<Path> submit = Files.list(ROOT.resolve("submit"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
      submit.filter(Files::isRegularFile).forEach(files::add);
    }
    Pattern propertiesFile = Pattern.compile("--properties-file|properties_file");
    int commands = 0;
    for (Path file : files) {
      // One command per logical line: join shell continuations.
      String text = Files.readString(file).replace("\\\n", " ");
      for (String line : text.split("\n")) {
        Matcher m = propertiesFile.matcher(line);
        if (m.find() && !line.trim().startsWith("#")) {
          commands++;
          assertThat(line).as(file + ": " + line).contains("--load-spark-defaults");
        }
      }
    }
    assertThat(commands).isGreaterThanOrEqualTo(3);
  }
}
