package io.playloop.jobs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.generate.GenerateJob;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.metrics.MetricsJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every SQL and Spark paragraph of every Zeppelin notebook in notebooks/ against a small
 * generated lake and a test database, so that a notebook cannot silently rot when a table changes.
 */
class NotebooksTest {
  private static final Path NOTEBOOKS = Path.of("..", "notebooks");
  private static final Pattern FORM = Pattern.compile("\\$\\{(\\w+)(=[^}]*)?}");

  static TestDatabase db;
  static Path lakeDir;
  static Lake lake;

  @BeforeAll
  static void smallWorld() throws Exception {
    db = TestDatabase.create();
    lakeDir = Files.createTempDirectory("notebooks-lake");
    TestJobs.run(
        new GenerateJob(),
        Map.of("users", "120", "playlists", "240", "songs", "1500", "seed", "3"),
        db,
        lakeDir);
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO feedback (user_id, like_playlist, other_playlists, request_id, model_version)"
              + " VALUES (1, 2, '{3,4,5,6}', 'r1', 'v1'), (2, 3, '{4,5,6,7}', NULL, NULL)");
      st.execute(
          "INSERT INTO impressions (request_id, user_id, model_version, playlists)"
              + " VALUES ('r1', 1, 'v1', '{3,2,4,5,6}')");
      st.execute(
          "INSERT INTO models (model_version, algorithm, metrics, status) VALUES"
              + " ('v1', 'als', '{\"mrr\": 0.4, \"hit_at_5\": 0.6}', 'retired'),"
              + " ('v2', 'blend', '{\"mrr\": 0.5, \"hit_at_5\": 0.7}', 'active')");
      st.execute(
          "INSERT INTO recommendations (model_version, user_id, playlists, scores) VALUES"
              + " ('v1', 1, '{1,2,3,4,5}', '{5,4,3,2,1}'), ('v2', 1, '{2,3,4,5,6}', '{5,4,3,2,1}')");
    }
    lake = TestJobs.context("notebooks", Map.of(), db, lakeDir).lake();
    var spark = SharedSpark.get();
    for (String version : List.of("v1", "v2")) {
      List<Row> rows =
          List.of(
              org.apache.spark.sql.RowFactory.create(
                  1,
                  version.equals("v1") ? new int[] {1, 2, 3, 4, 5} : new int[] {2, 3, 4, 5, 6},
                  new float[] {5, 4, 3, 2, 1}));
      lake.overwrite(
          LakeTable.recommendationsPath(version),
          spark.createDataFrame(rows, LakeTable.RECOMMENDATIONS_SCHEMA));
    }
    TestJobs.run(new MetricsJob(), Map.of(), db, lakeDir);
  }

  @AfterAll
  static void cleanUp() throws IOException {
    db.close();
    org.apache.commons.io.FileUtils.deleteDirectory(lakeDir.toFile());
  }

  @Test
  void everyNotebookIsFoundAndHasRunnableParagraphs() throws IOException {
    List<Path> notebooks = notebooks();
    assertThat(notebooks).hasSizeGreaterThanOrEqualTo(3);
    for (Path p : notebooks) {
      assertThat(paragraphs(p)).as(p.toString()).anyMatch(t -> !t.startsWith("%md"));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyParagraphRuns() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path notebook : notebooks()) {
      int i = 0;
      for (String text : paragraphs(notebook)) {
        i++;
        String name = notebook.getFileName() + " paragraph " + i;
        tests.add(DynamicTest.dynamicTest(name, () -> run(text)));
      }
    }
    return tests.stream();
  }

  private static void run(String text) throws Exception {
    String interpreter = text.lines().findFirst().orElse("").trim();
    String body = fillForms(text.substring(text.indexOf('\n') + 1));
    switch (interpreter) {
      case "%md" -> assertThat(body).isNotBlank();
      case "%spark.sql" -> {
        List<Row> rows = SharedSpark.get().sql(body).collectAsList();
        assertThat(rows).isNotNull();
      }
      case "%jdbc" -> {
        try (Connection c = db.connect();
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery(body)) {
          assertThat(rs.getMetaData().getColumnCount()).isPositive();
        }
      }
      default ->
          throw new AssertionError(
              "paragraph with an interpreter this test cannot run: " + interpreter);
    }
  }

  /** Zeppelin's dynamic forms ${name=default}: the lake is the test lake, versions v1 and v2. */
  static String fillForms(String text) {
    Matcher m = FORM.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "lake" -> lake.root();
            case "version_a" -> "v1";
            case "version_b" -> "v2";
            default -> throw new AssertionError("unknown form " + m.group(1));
          };
      m.appendReplacement(b, Matcher.quoteReplacement(value));
    }
    return m.appendTail(b).toString();
  }

  private static List<Path> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      return files.filter(p -> p.toString().endsWith(".zpln")).sorted().toList();
    }
  }

  private static List<String> paragraphs(Path notebook) throws IOException {
    JsonNode note = new ObjectMapper().readTree(notebook.toFile());
    List<String> texts = new ArrayList<>();
    for (JsonNode p : note.get("paragraphs")) {
      texts.add(p.get("text").asText());
    }
    return texts;
  }
}
