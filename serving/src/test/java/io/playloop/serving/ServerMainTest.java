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
}
