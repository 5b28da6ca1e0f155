package io.playloop.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.Launcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job run with submit/playloop tells where its Spark UI is and logs its progress. */
class WatchingAJobIT {
  @TempDir Path dir;

  @Test
  void aJobLogsItsSparkUiAddressAndProgressLines() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Launcher.Result run =
          new Launcher(dir)
              .run(
                  "generate",
                  Map.of("PLAYLOOP_PROGRESS_SECONDS", "1"),
                  600,
                  "generate",
                  "--users",
                  "120",
                  "--playlists",
                  "240",
                  "--songs",
                  "1500",
                  "--lake",
                  dir.resolve("lake").toUri().toString(),
                  "--db",
                  db.url());

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      List<String> lines = run.stderrLines();
      assertThat(lines)
          .anyMatch(l -> l.matches(".*SparkSessions: Spark UI .*: http://127\\.0\\.0\\.1:\\d+$"));
      assertThat(lines)
          .as(run.stderr())
          .anyMatch(l -> l.matches(".*SparkProgress: generate \\d+(s|m\\d\\ds): .* \\| stages .*"));
      // The UI line comes before the first progress line: a person can open it while it runs.
      int ui = indexOf(lines, "Spark UI");
      int progress = indexOf(lines, "SparkProgress: generate");
      assertThat(ui).isLessThan(progress);
    }
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
