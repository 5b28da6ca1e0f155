package io.playloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherIT {
  @TempDir Path dir;

  @Test
  void helpListsTheJobsAndEachJobsOptions() throws Exception {
    Launcher launcher = new Launcher(dir);
    Launcher.Result help = launcher.run("help", 120, "--help");
    assertThat(help.exitCode()).isZero();
    // The demo comes from the experiments jar: ExperimentsLauncherIT checks it is listed too.
    assertThat(help.stdout()).contains("import").contains("extract");

    Launcher.Result importHelp = launcher.run("import-help", 120, "import", "--help");
    assertThat(importHelp.exitCode()).isZero();
    assertThat(importHelp.stdout()).contains("--input").contains("--format").contains("--lake");
  }

  @Test
  void unknownJobOrOptionExitsWithCode2AndOneLine() throws Exception {
    Launcher launcher = new Launcher(dir);
    Launcher.Result job = launcher.run("job", 120, "no-such-job");
    assertThat(job.exitCode()).isEqualTo(2);
    assertThat(job.stderrLines()).hasSize(1);
    assertThat(job.stderrLines().get(0)).contains("unknown job 'no-such-job'");

    Launcher.Result option = launcher.run("option", 120, "import", "--no-such-option", "1");
    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.stderrLines()).hasSize(1);
    assertThat(option.stderrLines().get(0)).contains("unknown option --no-such-option");
  }

  @Test
  void unreachableDatabaseIsOneLineNamingTheJdbcUrl() throws Exception {
    Launcher launcher = new Launcher(dir);
    Path input = dir.resolve("u.data");
    java.nio.file.Files.writeString(input, "1\t2\t5\t881250949\n");
    Launcher.Result r =
        launcher.run(
            "db",
            180,
            "import",
            "--input",
            input.toString(),
            "--lake",
            dir.resolve("lake").toUri().toString(),
            "--db",
            "jdbc:postgresql://127.0.0.1:1/x");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderrLines()).hasSize(1);
    assertThat(r.stderr()).contains("jdbc:postgresql://127.0.0.1:1/x").doesNotContain("\tat ");
  }
}
