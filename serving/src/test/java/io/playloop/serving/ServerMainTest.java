package io.playloop.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's command line: its help, and the checks that refuse to start with bad settings. */
class ServerMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ServerMain.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void helpListsEveryOptionWithTheConfigurationsDefault() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("--port=N")
        .contains("key serving.port, default 8080")
        .contains("--host=ADDRESS")
        .contains("key serving.host, default 127.0.0.1")
        .contains("--db=JDBC-URL")
        .contains("key db.url, default jdbc:postgresql://127.0.0.1:5432/playloop")
        .contains("--config=FILE");
  }

  @Test
  void aBadOptionValueIsRefusedWithTheOptionsName() {
    assertThat(run("--port", "abc")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--port': 'abc' is not an int");
    assertThat(run("--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void badSettingsAreRefusedBeforeTheServerStarts(@TempDir Path dir) throws Exception {
    assertThat(run("--port", "70000")).isEqualTo(2);
    assertThat(err.toString())
        .contains("playloop.serving.port must be from 0 (any free port) to 65535, got 70000");

    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "playloop.serving.feedback-commit = sometimes\n");
    assertThat(run("--config", conf.toString(), "--port", "0")).isEqualTo(2);
    assertThat(err.toString())
        .contains("playloop.serving.feedback-commit must be group or single, got 'sometimes'");

    Files.writeString(conf, "playloop.serving.model-poll-seconds = 0\n");
    assertThat(run("--config", conf.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("model-poll-seconds must be at least 0.1");

    assertThat(run("--config", dir.resolve("missing.conf").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("configuration file not found");
  }

  @Test
  void anUnreachableDatabaseEndsWithOneLineSayingWhere() {
    // Nothing listens on port 1.
    assertThat(run("--port", "0", "--db", "jdbc:postgresql://127.0.0.1:1/playloop")).isEqualTo(1);
    assertThat(err.toString())
        .contains("Cannot use PostgreSQL at jdbc:postgresql://127.0.0.1:1/playloop")
        .contains("PLAYLOOP_DB_URL");
  }

  @Test
  void refusesToListenBeyondLoopbackWithoutCredentials(@TempDir Path dir) throws Exception {
    for (String host : new String[] {"0.0.0.0", "::"}) {
      assertThat(run("--host", host, "--port", "0")).as(host).isEqualTo(2);
    }
    String message = err.toString();
    assertThat(message.lines().filter(l -> !l.isBlank()).count()).isEqualTo(2); // one per try
    assertThat(message)
        .contains("playloop serve: refusing to listen on 0.0.0.0 without credentials")
        .contains("PLAYLOOP_CREDENTIALS_FILE")
        .contains("playloop serve credentials add");

    // With a credentials file the same address gets past the check (to the database here).
    Path file = dir.resolve("credentials");
    assertThat(
            run(
                "credentials",
                "add",
                "--client",
                "app",
                "--scopes",
                "read",
                "--file",
                file.toString()))
        .isZero();
    Path conf = dir.resolve("exposed.conf");
    Files.writeString(
        conf, "playloop.serving.auth.credentials-file = \"" + file.toString() + "\"\n");
    err.getBuffer().setLength(0);
    int code =
        run(
            "--config",
            conf.toString(),
            "--host",
            "0.0.0.0",
            "--port",
            "0",
            "--db",
            "jdbc:postgresql://127.0.0.1:1/playloop");
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString()).contains("Cannot use PostgreSQL");
  }

  @Test
  void credentialsAddPrintsTheTokenOnceAndStoresOnlyItsHash(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials");
    assertThat(
            run(
                "credentials",
                "add",
                "--client",
                "simulator",
                "--scopes",
                "feedback,read",
                "--file",
                file.toString()))
        .isZero();
    String token = out.toString().strip();
    assertThat(token).matches("plt_[A-Za-z0-9_-]{43}");
    String stored = Files.readString(file);
    assertThat(stored).doesNotContain(token).contains("simulator read,feedback sha256:");
    assertThat(err.toString()).contains("shown only now");
    assertThat(
            java.nio.file.Files.getPosixFilePermissions(file).stream()
                .map(Object::toString)
                .sorted()
                .toList())
        .containsExactly("OWNER_READ", "OWNER_WRITE");

    assertThat(
            run(
                "credentials",
                "add",
                "--client",
                "x",
                "--scopes",
                "write",
                "--file",
                file.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("unknown scope 'write'");
  }
}
