package io.playloop.serving.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alert rules in conf/prometheus are valid and fire (or stay quiet) as their tests say. */
class AlertRulesTest {
  private static final Path RULES_DIR = Path.of("..", "conf", "prometheus");

  @Test
  void rulesPassPromtoolsCheck() throws Exception {
    Result r = promtool("check", "rules", "alerts.yml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 9 rules found");
  }

  @Test
  void rulesFireAsTheirUnitTestsExpect() throws Exception {
    Result r = promtool("test", "rules", "alerts.test.yml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void aBrokenRuleIsRejected() throws Exception {
    Path broken = Files.createTempFile("broken-rules", ".yml");
    Files.writeString(
        broken,
        "groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: sum(rate(x[5m])\n");
    Result r = promtool("check", "rules", broken.toAbsolutePath().toString());
    assertThat(r.exitCode()).isNotZero();
  }

  private record Result(int exitCode, String output) {}

  private static Result promtool(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "promtool";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p =
        new ProcessBuilder(command).directory(RULES_DIR.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
