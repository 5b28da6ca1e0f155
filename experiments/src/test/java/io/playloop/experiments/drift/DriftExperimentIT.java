package io.playloop.experiments.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * experiment-drift through the launcher on a tiny world (2 weeks, a step drift in week 2): every
 * arm runs the loop against its own server and database, and the numbers and chart come out.
 */
class DriftExperimentIT {
  @TempDir Path dir;

  // One arm keeps the suite short and still runs both levers (window and exploration);
  // DriftArmsTest checks what each of the five arms configures, the no-lever baseline included.
  private static final List<String> ARMS = List.of("explore-window");

  @Test
  void theChosenArmsRunTheLoopAndTheNumbersAndTheChartAreWritten() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Path out = dir.resolve("out");
      try {
        Launcher.Result run =
            new Launcher(dir)
                .run(
                    "experiment-drift",
                    Map.of(),
                    1800,
                    "experiment-drift",
                    "--users",
                    "100",
                    "--playlists",
                    "300",
                    "--songs",
                    "2000",
                    "--weeks",
                    "2",
                    "--drift-start",
                    "2",
                    "--rounds",
                    "1",
                    "--round-users",
                    "40",
                    "--round-seconds",
                    "1",
                    "--arms",
                    String.join(",", ARMS),
                    "--algorithms",
                    "popularity,ease",
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
        List<String> arms = ARMS;
        assertThat(csv.subList(1, csv.size()))
            .extracting(l -> l.split(",")[0] + "," + l.split(",")[1])
            .containsExactlyElementsOf(
                arms.stream()
                    .flatMap(a -> java.util.stream.Stream.of(a + ",1", a + ",2"))
                    .toList());
        for (String line : csv.subList(1, csv.size())) {
          String[] f = line.split(",");
          assertThat(Long.parseLong(f[3])).as(line).isEqualTo(40); // every user was served
          assertThat(Double.parseDouble(f[7])).as(line).isBetween(0.0, 1.0);
        }
        // Week 2 is served by the model retrained on week 1's feedback, in each arm.
        for (int a = 0; a < arms.size(); a++) {
          String slug = arms.get(a).replace("-", "");
          assertThat(csv.get(2 + 2 * a).split(",")[2]).startsWith(slug + "-w1-");
        }

        Document svg =
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(out.resolve("drift.svg").toFile());
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(arms.size());
        JsonNode json = new ObjectMapper().readTree(out.resolve("drift.json").toFile());
        assertThat(json.path("drift_week").asInt()).isEqualTo(2);
        assertThat(json.path("arms")).extracting(a -> a.path("name").asText()).isEqualTo(arms);
        for (JsonNode arm : json.path("arms")) {
          assertThat(arm.path("weeks")).hasSize(2);
          for (JsonNode week : arm.path("weeks")) {
            assertThat(week.path("online_score").asDouble()).isBetween(0.0, 1.0);
            assertThat(week.path("like_rate").asDouble()).isBetween(0.0, 1.0);
            assertThat(week.path("model_version").asText()).isNotBlank();
          }
        }
        // The explore arms' servers were started with the exploration keys.
        assertThat(Files.readString(dir.resolve("work/server-explorewindow.conf")))
            .contains(
                "playloop.serving.explore.share = 1.0",
                "playloop.serving.explore.slots = 2",
                "playloop.serving.explore.follow-newest-like = true");
        // The recovery arm trained its item models on recency profiles.
        try (Connection c =
                Database.connect(
                    db.settings().withDatabase(db.settings().databaseName() + "_explorewindow"));
            Statement st = c.createStatement();
            var rs =
                st.executeQuery(
                    "SELECT count(*) FROM models WHERE algorithm IN ('rp3beta', 'itemknn')"
                        + " AND (params->>'profile_half_life_days')::float8 = 3.5")) {
          rs.next();
          assertThat(rs.getLong(1)).isPositive();
        }
      } finally {
        dropArms(db);
      }
    }
  }

  /** The experiment made one database per arm beside the test's own. */
  private static void dropArms(TestDatabase db) throws Exception {
    try (Connection c = Database.connect(db.settings().maintenance());
        Statement st = c.createStatement()) {
      for (String arm : DriftExperimentJob.ARMS) {
        st.execute(
            "DROP DATABASE IF EXISTS "
                + db.settings().databaseName()
                + "_"
                + arm.replace("-", "")
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
