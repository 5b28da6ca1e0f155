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
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every SQL and Spark paragraph of every Zeppelin notebook in notebooks/ against a small
 * generated lake and a test database, so that a notebook cannot silently rot when a table changes;
 * checks that each preset chart names the columns its query returns; and runs the Spark paragraphs
 * again on Spark 4.0 with Delta Lake 4.0 (what the newest Zeppelin release runs) in a separate JVM
 * configured by the notebooks' own interpreter setup, expecting the same rows.
 */
class NotebooksTest {
  static final Path NOTEBOOKS = Path.of("..", "notebooks");
  // Zeppelin's dynamic forms: ${name=default} (a paragraph's) and $${name=default} (the note's).
  static final Pattern FORM = Pattern.compile("\\$?\\$\\{(\\w+)(=[^}]*)?}");

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
      assertThat(paragraphs(p))
          .as(p.toString())
          .anyMatch(t -> !t.get("text").asText().startsWith("%md"));
    }
  }

  /**
   * The lake written by the jobs (Spark 4.1, Delta Lake 4.1) read by Spark 4.0.x with its Delta
   * Lake 4.0.x, set up by the notebooks' own %spark.conf paragraph: every Spark paragraph of every
   * notebook, and whole-table counts and checksums, give the same rows as on the jobs' Spark.
   */
  @Test
  void sparkParagraphsGiveTheSameRowsOnSpark40WithItsDeltaLake(@TempDir Path work)
      throws Exception {
    String sparkConf = null;
    List<String> statements = new ArrayList<>();
    for (Path notebook : notebooks()) {
      for (JsonNode paragraph : paragraphs(notebook)) {
        String text = paragraph.get("text").asText();
        switch (interpreter(text)) {
          case "%spark.conf" -> sparkConf = body(text);
          case "%spark.sql" -> statements.add(fillForms(body(text)));
          default -> {}
        }
      }
    }
    // The paths the notebooks read, as a Zeppelin user types them.
    for (String table : List.of("triplets_data", "catalog/users", "catalog/playlists")) {
      statements.add(
          "SELECT count(*), bit_xor(xxhash64(*)) FROM delta.`" + lake.root() + "/" + table + "`");
    }
    statements.add(
        "SELECT split, count(*), bit_xor(xxhash64(*)) FROM delta.`"
            + lake.root()
            + "/positives_splits` GROUP BY split ORDER BY split");
    Properties conf = properties(sparkConf);
    String delta = Spark40.version("delta-spark_2.13");
    String spark = Spark40.version("spark-sql_2.13");
    // The notebooks ask Zeppelin for the very Delta Lake release this test runs.
    assertThat(conf.getProperty("spark.jars.packages"))
        .startsWith("io.delta:delta-spark_2.13:" + delta);
    assertThat(Spark40.classpath())
        .map(p -> p.getFileName().toString())
        .contains("delta-spark_2.13-" + delta + ".jar", "spark-sql_2.13-" + spark + ".jar")
        .noneMatch(jar -> jar.startsWith("spark-") && jar.contains("-4.1."))
        .noneMatch(jar -> jar.startsWith("playloop"));

    String expected = SparkSqlReader.render(SharedSpark.get(), statements);
    Spark40.Result onSpark40 = Spark40.run(conf, statements, work);

    assertThat(onSpark40.sparkVersion()).isEqualTo(spark).startsWith("4.0.");
    assertThat(onSpark40.rows()).isEqualTo(expected);
    long triplets =
        SharedSpark.get().read().format("delta").load(lake.root() + "/triplets_data").count();
    assertThat(triplets).isPositive();
    assertThat(expected).contains("[" + triplets + ",");
  }

  @TestFactory
  Stream<DynamicTest> everyParagraphRuns() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path notebook : notebooks()) {
      int i = 0;
      for (JsonNode paragraph : paragraphs(notebook)) {
        i++;
        String name = notebook.getFileName() + " paragraph " + i;
        tests.add(DynamicTest.dynamicTest(name, () -> run(paragraph)));
      }
    }
    return tests.stream();
  }

  private static void run(JsonNode paragraph) throws Exception {
    String text = paragraph.get("text").asText();
    String interpreter = interpreter(text);
    String body = fillForms(body(text));
    switch (interpreter) {
      case "%md" -> assertThat(body).isNotBlank();
      case "%spark.conf" -> checkSparkSetup(properties(body));
      case "%jdbc.conf" -> checkDatabaseSetup(properties(body));
      case "%spark.sql" -> {
        var result = SharedSpark.get().sql(body);
        List<Row> rows = result.collectAsList();
        assertThat(rows).isNotNull();
        checkChart(paragraph, List.of(result.columns()));
      }
      case "%jdbc" -> {
        try (Connection c = db.connect();
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery(body)) {
          ResultSetMetaData meta = rs.getMetaData();
          assertThat(meta.getColumnCount()).isPositive();
          List<String> columns = new ArrayList<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
          }
          checkChart(paragraph, columns);
        }
      }
      default ->
          throw new AssertionError(
              "paragraph with an interpreter this test cannot run: " + interpreter);
    }
  }

  /** The Spark interpreter's setup names classes that exist: Delta's extension and catalog. */
  private static void checkSparkSetup(Properties conf) throws ClassNotFoundException {
    assertThat(conf.stringPropertyNames()).allMatch(k -> k.startsWith("spark."));
    assertThat(conf.getProperty("spark.jars.packages")).startsWith("io.delta:delta-spark_2.13:");
    assertThat(conf.getProperty("spark.sql.extensions"))
        .isEqualTo("io.delta.sql.DeltaSparkSessionExtension");
    Class.forName(conf.getProperty("spark.sql.extensions"));
    Class.forName(conf.getProperty("spark.sql.catalog.spark_catalog"));
  }

  /** The JDBC interpreter's setup reaches PostgreSQL and keeps the password out of the note. */
  private static void checkDatabaseSetup(Properties conf) throws ClassNotFoundException {
    assertThat(conf.getProperty("default.url")).startsWith("jdbc:postgresql://");
    assertThat(conf.getProperty("default.user")).isNotBlank();
    assertThat(conf.stringPropertyNames()).doesNotContain("default.password");
    Class.forName(conf.getProperty("default.driver"));
  }

  /** A preset chart's keys, groups and values name the query's columns at their positions. */
  private static void checkChart(JsonNode paragraph, List<String> columns) {
    JsonNode graph = paragraph.at("/config/results/0/graph");
    if (graph.isMissingNode()) {
      return;
    }
    for (String part : List.of("keys", "groups", "values")) {
      for (JsonNode column : graph.get(part)) {
        int index = column.get("index").asInt();
        assertThat(index).as(part + " " + column).isBetween(0, columns.size() - 1);
        assertThat(columns.get(index))
            .as(part + " " + column)
            .isEqualTo(column.get("name").asText());
      }
    }
    assertThat(graph.get("keys")).as("a chart needs an x axis").isNotEmpty();
    assertThat(graph.get("values")).as("a chart needs a y axis").isNotEmpty();
  }

  /** Zeppelin's dynamic forms: the lake is the test lake, the versions v1 and v2. */
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

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      return files.filter(p -> p.toString().endsWith(".zpln")).sorted().toList();
    }
  }

  static List<JsonNode> paragraphs(Path notebook) throws IOException {
    JsonNode note = new ObjectMapper().readTree(notebook.toFile());
    List<JsonNode> paragraphs = new ArrayList<>();
    note.get("paragraphs").forEach(paragraphs::add);
    return paragraphs;
  }

  /** The interpreter a paragraph names on its first line, e.g. "%spark.sql". */
  static String interpreter(String text) {
    return text.lines().findFirst().orElse("").trim();
  }

  static String body(String text) {
    return text.substring(text.indexOf('\n') + 1);
  }

  static Properties properties(String body) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(body));
    return properties;
  }
}
