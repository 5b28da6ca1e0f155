package io.playloop.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher finds the demo and the experiments in their own jar, beside the jobs jar. */
class ExperimentsLauncherIT {
  @TempDir Path dir;

  @Test
  void helpListsTheDemoAndTheExperimentBesideTheProductionJobs() throws Exception {
    Launcher launcher = new Launcher(dir);
    Launcher.Result help = launcher.run("help", 120, "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).contains("import").contains("demo").contains("experiment-drift");

    Launcher.Result demoHelp = launcher.run("demo-help", 120, "demo", "--help");
    assertThat(demoHelp.exitCode()).as(demoHelp.stderr()).isZero();
    assertThat(demoHelp.stdout()).contains("--round-users").contains("--keep-serving");

    Launcher.Result driftHelp = launcher.run("drift-help", 120, "experiment-drift", "--help");
    assertThat(driftHelp.exitCode()).as(driftHelp.stderr()).isZero();
    assertThat(driftHelp.stdout())
        .contains("--users", "--weeks", "--drift-start", "--work", "--port", "--out")
        .contains("--arms", "control,baseline,window,explore,explore-window")
        .contains("--explore-share", "--explore-slots", "--window-days");
  }

  @Test
  void theProductionJobsJarHoldsNoExperimentOrTestHelper() throws Exception {
    Path jobsJar = Launcher.sparkHome().resolve("jars/playloop-jobs.jar");
    assertThat(jobsJar).exists();
    try (JarFile jar = new JarFile(jobsJar.toFile())) {
      assertThat(jar.stream().map(e -> e.getName()))
          .contains("io/playloop/jobs/Main.class")
          .noneMatch(n -> n.startsWith("io/playloop/experiments/"))
          .noneMatch(
              n ->
                  n.startsWith("io/playloop/")
                      && (n.contains("LocalServer")
                          || n.contains("DemoJob")
                          || n.contains("DriftExperiment")));
    }
    Path experimentsJar = launcher().root().resolve("experiments/target/playloop-experiments.jar");
    assertThat(Files.exists(experimentsJar)).isTrue();
  }

  private Launcher launcher() {
    return new Launcher(dir);
  }
}
