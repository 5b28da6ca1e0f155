package io.playloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCommandLineTest {
  private final Job<?> train = Jobs.byName("train").orElseThrow();

  @Test
  void everyJobsHelpListsItsOwnAndTheCommonOptions() {
    for (var name : Jobs.all().keySet()) {
      Job<?> job = Jobs.byName(name).orElseThrow();
      String usage = JobCommandLine.usage(job);
      assertThat(usage).contains("playloop " + name, "--lake", "--db", "--master", "--help");
    }
    assertThat(JobCommandLine.usage(train)).contains("--eval-users", "--window-days");
  }

  @Test
  void anUnknownOptionIsNamedInOneLine() {
    assertThatThrownBy(() -> JobCommandLine.parse(train, List.of("--no-such-option", "1")))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option --no-such-option");
    assertThatThrownBy(() -> JobCommandLine.parse(train, List.of("--no-such=1")))
        .hasMessage("unknown option --no-such");
  }

  @Test
  void anUnknownOptionIsReportedBeforeAMissingRequiredOne() {
    Job<?> importJob = Jobs.byName("import").orElseThrow();
    assertThatThrownBy(() -> JobCommandLine.parse(importJob, List.of("--no-such-option", "1")))
        .hasMessage("unknown option --no-such-option");
    var config = io.playloop.core.config.PlayloopConfig.load(null);
    assertThatThrownBy(() -> JobCommandLine.settings(importJob, List.of(), config))
        .isInstanceOf(UsageException.class)
        .hasMessage("missing required option --input");
  }

  @Test
  void aBadValueIsRefusedNamingItsOption() {
    var config = io.playloop.core.config.PlayloopConfig.load(null);
    assertThatThrownBy(() -> JobCommandLine.settings(train, List.of("--budget", "many"), config))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--budget");
    assertThatThrownBy(() -> JobCommandLine.settings(train, List.of("--budget", "0"), config))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--budget");
    assertThatThrownBy(
            () -> JobCommandLine.settings(train, List.of("--algorithms", "nope"), config))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void helpIsRecognisedBesideOtherOptions() {
    assertThat(JobCommandLine.parse(train, List.of("--budget", "1", "--help")).helpRequested())
        .isTrue();
    assertThat(JobCommandLine.parse(train, List.of("--budget", "1")).helpRequested()).isFalse();
  }

  @Test
  void commonOptionsAreReadForTheConfiguration() {
    var parsed =
        JobCommandLine.parse(
            train, List.of("--lake", "file:/tmp/x", "--db=jdbc:postgresql://h/d", "--budget=1"));
    assertThat(parsed.common().overrides())
        .containsEntry("lake.uri", "file:/tmp/x")
        .containsEntry("db.url", "jdbc:postgresql://h/d")
        .doesNotContainKey("spark.master");
  }

  @Test
  void anOptionsMapBecomesArgumentsThatParseBack() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("budget", "1");
    options.put("version-prefix", "a=b");
    assertThat(JobCommandLine.args(options)).containsExactly("--budget=1", "--version-prefix=a=b");
  }

  @Test
  void theEntryPointPrintsAJobsHelpAndRefusesAnUnknownOptionWithCode2() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(new String[] {"train", "--help"})).isZero();
      assertThat(Main.run(new String[] {"train", "--bogus", "1"})).isEqualTo(2);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--algorithms", "--budget");
    assertThat(errors.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly("playloop train: unknown option --bogus (see: train --help)");
  }
}
