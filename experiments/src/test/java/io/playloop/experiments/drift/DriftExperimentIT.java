package io.playloop.experiments.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.Database;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.Launcher;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * experiment-drift through the launcher on a tiny world (2 weeks, a step drift in week 2): both
 * arms run the loop against their own server and database, and the numbers and chart come out.
 */
class DriftExperimentIT {
  @TempDir Path dir;

  @Test
  void bothArmsRunTheLoopAndTheNumbersAndTheChartAreWritten() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Path out = dir.resolve("out");
      try {
        Launcher.Result run =
            new Launcher(dir)
                .run(
                    "experiment-drift",
                    Map.of(),
                    900,
                    "experiment-drift",
                    "--users",
                    "150",
                    "--playlists",
                    "400",
                    "--songs",
                    "3000",
                    "--weeks",
                    "2",
                    "--drift-start",
                    "2",
                    "--rounds",
                    "1",
                    "--round-users",
                    "60",
                    "--round-seconds",
                    "1",
                    "--algorithms",
                    "popularity,als",
                    "--port",
                    String.valueOf(freePort()),
                    "--work",
                    dir.resolve("work").toString(),
                    "--out",
                    out.toString(),
                    "--lake",
                    dir.resolve("lake").toUri().toString(),
                    "--db",
                    db.url());
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        List<String> csv = Files.readAllLines(out.resolve("drift.csv"));
        assertThat(csv.get(0)).isEqualTo(DriftReport.CSV_HEADER);
        assertThat(csv.subList(1, csv.size()))
            .extracting(l -> l.split(",")[0] + "," + l.split(",")[1])
            .containsExactly("window,1", "window,2", "no-window,1", "no-window,2");
        for (String line : csv.subList(1, csv.size())) {
          String[] f = line.split(",");
          assertThat(Long.parseLong(f[3])).as(line).isEqualTo(60); // every user was served
          assertThat(Double.parseDouble(f[7])).as(line).isBetween(0.0, 1.0);
        }
        // Week 2 is served by the model retrained on week 1's feedback, in each arm.
        assertThat(csv.get(2).split(",")[2]).startsWith("window-w1-");
        assertThat(csv.get(4).split(",")[2]).startsWith("nowindow-w1-");

        Document svg =
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(out.resolve("drift.svg").toFile());
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("drift.json")))
            .contains("\"arm_window\"", "\"online_score\"", "\"no-window\"");
      } finally {
        dropArms(db);
      }
    }
  }

  /** The experiment made one database per arm beside the test's own. */
  private static void dropArms(TestDatabase db) throws Exception {
    try (Connection c = Database.connect(db.settings().maintenance());
        Statement st = c.createStatement()) {
      for (String arm : List.of("window", "nowindow")) {
        st.execute(
            "DROP DATABASE IF EXISTS "
                + db.settings().databaseName()
                + "_"
                + arm
                + " WITH (FORCE)");
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
