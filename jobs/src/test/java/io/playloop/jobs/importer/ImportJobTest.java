package io.playloop.jobs.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.extract.ExtractJob;
import io.playloop.jobs.generate.GenerateJob;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.lake.SplitRule;
import io.playloop.jobs.simulate.SimulateJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportJobTest {
  private static TestDatabase db;

  @TempDir Path dir;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  private Lake lake(Path lakeDir) {
    return new Lake(SharedSpark.get(), lakeDir.toUri().toString());
  }

  private JobResult runImport(Path lakeDir, Map<String, String> options) throws Exception {
    return TestJobs.run(new ImportJob(), options, db, lakeDir);
  }

  @Test
  void movielensFileBecomesRuleSplitsWithUntouchedNegativesAndTitles() throws Exception {
    List<InteractionFiles.Line> lines = InteractionFiles.world(6, 80);
    Path data = InteractionFiles.movielens(dir.resolve("ml"), lines);
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 80; i++) {
      items.append(i).append("|Movie ").append(i).append(" (1995)|01-Jan-1995||http://x\n");
    }
    InteractionFiles.write(dir.resolve("ml/u.item"), items.toString());
    Path lakeDir = dir.resolve("lake");

    JobResult result = runImport(lakeDir, Map.of("input", data.toString(), "format", "movielens"));

    Lake lake = lake(lakeDir);
    Map<Integer, Set<Integer>> touched = new HashMap<>();
    Map<String, Long> times = new HashMap<>();
    for (InteractionFiles.Line l : lines) {
      touched.computeIfAbsent(l.user(), u -> new HashSet<>()).add(l.item());
      times.put(l.user() + "/" + l.item(), l.time());
    }
    Set<Integer> catalog =
        touched.values().stream().flatMap(Set::stream).collect(Collectors.toSet());

    List<Row> playlists = lake.read(LakeTable.PLAYLISTS).collectAsList();
    assertThat(playlists).hasSize(catalog.size());
    Row first = playlists.stream().filter(r -> r.getInt(0) == 12).findFirst().orElseThrow();
    assertThat(first.isNullAt(1)).isTrue();
    assertThat(first.getString(2)).isEqualTo("Movie 12 (1995)");
    assertThat(lake.read(LakeTable.USERS).count()).isEqualTo(6);

    // Every interaction is a positive by default, split by the lake's one rule: about 70/20/10
    // over the 81 positives, each with its own time.
    List<Row> splits = lake.read(LakeTable.POSITIVES_SPLITS).collectAsList();
    assertThat(splits).hasSize(lines.size());
    Map<String, List<Row>> byCut =
        splits.stream().collect(Collectors.groupingBy(r -> r.getString(3)));
    for (Row r : splits) {
      assertThat(r.getString(3)).isEqualTo(SplitRule.label(r.getInt(0), r.getInt(1)));
      assertThat(r.getString(4)).isEqualTo("bootstrap");
      assertThat(r.getTimestamp(2).getTime() / 1000)
          .isEqualTo(times.get(r.getInt(0) + "/" + r.getInt(1)));
    }
    assertThat(byCut.get("train").size() / (double) splits.size()).isBetween(0.55, 0.85);
    assertThat(byCut.get("val").size() / (double) splits.size()).isBetween(0.1, 0.3);
    assertThat(byCut.get("test")).isNotEmpty();

    List<Row> triplets = lake.read(LakeTable.TRIPLETS).collectAsList();
    assertThat(triplets)
        .hasSize(splits.stream().filter(r -> r.getString(3).equals("train")).toList().size());
    for (Row t : triplets) {
      List<Integer> negatives = t.getList(2);
      assertThat(negatives).hasSize(4).doesNotHaveDuplicates();
      assertThat(negatives).allMatch(catalog::contains);
      assertThat(negatives).noneMatch(touched.get(t.getInt(0))::contains);
      assertThat(t.getString(4)).isEqualTo("bootstrap");
    }
    List<Row> batches = lake.read(LakeTable.VAL_EVAL_BATCHES).collectAsList();
    assertThat(batches)
        .hasSize(splits.stream().filter(r -> r.getString(3).equals("val")).toList().size());
    for (Row b : batches) {
      List<Integer> negatives = b.getList(2);
      assertThat(negatives).hasSize(50).doesNotHaveDuplicates().allMatch(catalog::contains);
      assertThat(negatives).noneMatch(touched.get(b.getInt(0))::contains);
    }
    long popular =
        lake.read(LakeTable.POPULARITY).collectAsList().stream().mapToLong(r -> r.getLong(1)).sum();
    assertThat(popular).isEqualTo(triplets.size());

    assertThat(playlistsInPostgres()).isEqualTo(catalog.size());
    assertThat(result.rowsIn()).isEqualTo(lines.size());
    assertThat(result.details()).containsEntry("bad_rows", 0L);
  }

  @Test
  void lastfmFileWithoutTimesSplitsByTheRuleAndRerunReplaces() throws Exception {
    StringBuilder b = new StringBuilder("userID\tartistID\tweight\n");
    for (InteractionFiles.Line l : InteractionFiles.world(5, 70)) {
      b.append(l.user()).append('\t').append(l.item()).append('\t').append(l.rating() * 100);
      b.append('\n');
    }
    Path file = InteractionFiles.write(dir.resolve("user_artists.dat"), b.toString());
    Path lakeDir = dir.resolve("lake");
    Map<String, String> options = Map.of("input", file.toString(), "format", "lastfm");

    runImport(lakeDir, options);
    Lake lake = lake(lakeDir);
    Set<String> firstSplit = splitRows(lake);
    long firstTriplets = lake.read(LakeTable.TRIPLETS).count();
    runImport(lakeDir, options);

    assertThat(splitRows(lake)).isEqualTo(firstSplit);
    assertThat(lake.read(LakeTable.TRIPLETS).count()).isEqualTo(firstTriplets);
    assertThat(lake.read(LakeTable.POSITIVES_SPLITS).filter("event_time is null").count()).isZero();
    assertThat(lake.read(LakeTable.PLAYLISTS).filter("name = 'item 3'").count()).isEqualTo(1);
    assertThat(lake.version(LakeTable.POSITIVES_SPLITS)).isEqualTo(1);
    assertThat(playlistsInPostgres()).isEqualTo(lake.read(LakeTable.PLAYLISTS).count());

    // Without times the split is the rule's all the same (checked on the split alone).
    var interactions =
        lake.read(LakeTable.POSITIVES_SPLITS).withColumnRenamed("playlist_id", "item_id");
    assertThat(splitOf(ImportedWorld.split(interactions))).isEqualTo(firstSplit);
    assertThat(firstSplit)
        .allMatch(
            k -> {
              String[] f = k.split("/");
              return f[2].equals(SplitRule.label(Integer.parseInt(f[0]), Integer.parseInt(f[1])));
            });
  }

  @Test
  void importOverAGeneratedWorldLeavesTheSimulatorNoGeneratedTruth() throws Exception {
    Path lakeDir = dir.resolve("lake");
    TestJobs.run(
        new GenerateJob(),
        Map.of(
            "users",
            "120",
            "playlists",
            "240",
            "songs",
            "1500",
            "seed",
            "3",
            "weeks",
            "4",
            "drift-rate",
            "0.5",
            "drift-start",
            "2",
            "drift-end",
            "2"),
        db,
        lakeDir);
    Lake lake = lake(lakeDir);
    assertThat(SimulateJob.hasGeneratedTruth(lake)).isTrue();
    assertThat(lake.read(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY).isEmpty()).isFalse();

    StringBuilder b = new StringBuilder("userID\tartistID\tweight\n");
    for (InteractionFiles.Line l : InteractionFiles.world(5, 70)) {
      b.append(l.user()).append('\t').append(l.item()).append('\t').append(l.rating() * 100);
      b.append('\n');
    }
    Path file = InteractionFiles.write(dir.resolve("user_artists.dat"), b.toString());
    runImport(lakeDir, Map.of("input", file.toString(), "format", "lastfm"));

    // The simulator falls back to the held-out positives, and no drifted library of the old
    // world survives to be laid over them.
    assertThat(SimulateJob.hasGeneratedTruth(lake)).isFalse();
    assertThat(lake.read(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY).isEmpty()).isTrue();
  }

  @Test
  void releasingReadInteractionsDropsTheirCachedLines() throws Exception {
    StringBuilder b = new StringBuilder("userID\tartistID\tweight\n");
    for (InteractionFiles.Line l : InteractionFiles.world(3, 20)) {
      b.append(l.user()).append('\t').append(l.item()).append('\t').append(l.rating()).append('\n');
    }
    Path file = InteractionFiles.write(dir.resolve("cached.dat"), b.toString());
    Interactions read =
        new InteractionsReader(SharedSpark.get())
            .read(file.toString(), InteractionsFormat.byName("lastfm"));
    assertThat(read.rows().count()).isPositive();
    assertThat(read.cached().storageLevel().useMemory()).isTrue();
    read.release();
    assertThat(read.cached().storageLevel().useMemory()).isFalse();
  }

  @Test
  void csvWithNamedColumnsAndMinWeightKeepsOnlyStrongPositives() throws Exception {
    String csv =
        """
        ts,rating,movie,who
        2020-01-01T10:00:00Z,5,10,1
        2020-01-02 10:00:00,2,11,1
        2020-01-03,4,12,1
        1577836800,5,13,2
        "1577836900",1,10,2
        """;
    Path file = InteractionFiles.write(dir.resolve("in.csv"), csv);
    Path lakeDir = dir.resolve("lake");

    JobResult result =
        runImport(
            lakeDir,
            Map.of(
                "input", file.toString(),
                "user-col", "who",
                "item-col", "movie",
                "weight-col", "rating",
                "time-col", "ts",
                "min-weight", "4",
                "eval-negatives", "1",
                "negatives", "1"));

    Lake lake = lake(lakeDir);
    assertThat(result.details()).containsEntry("bad_rows", 0L);
    Set<String> positives =
        lake.read(LakeTable.POSITIVES_SPLITS).collectAsList().stream()
            .map(r -> r.getInt(0) + "/" + r.getInt(1))
            .collect(Collectors.toSet());
    assertThat(positives).containsExactlyInAnyOrder("1/10", "1/12", "2/13");
    // The weak interactions still make catalog items and count as touched.
    assertThat(lake.read(LakeTable.PLAYLISTS).count()).isEqualTo(4);
    for (Row t : lake.read(LakeTable.TRIPLETS).collectAsList()) {
      if (t.getInt(0) == 1) {
        assertThat(t.getList(2)).containsExactly(13);
      }
    }
  }

  @Test
  void headerlessSemicolonFileWithNumberedColumns() throws Exception {
    StringBuilder b = new StringBuilder();
    for (InteractionFiles.Line l : InteractionFiles.world(3, 60)) {
      b.append(l.time()).append(';').append(l.item()).append(';').append(l.user()).append('\n');
    }
    Path file = InteractionFiles.write(dir.resolve("events.txt"), b.toString());
    Path lakeDir = dir.resolve("lake");

    runImport(
        lakeDir,
        Map.of(
            "input", file.toString(),
            "format", "csv",
            "delimiter", "semicolon",
            "header", "false",
            "user-col", "3",
            "item-col", "2",
            "time-col", "1",
            "weight-col", "none"));

    Lake lake = lake(lakeDir);
    assertThat(lake.read(LakeTable.USERS).count()).isEqualTo(3);
    assertThat(lake.read(LakeTable.POSITIVES_SPLITS).count()).isEqualTo(11 + 12 + 13);
    Timestamp earliest =
        lake.read(LakeTable.POSITIVES_SPLITS)
            .agg(org.apache.spark.sql.functions.min("event_time"))
            .head()
            .getTimestamp(0);
    assertThat(earliest.getTime() / 1000).isGreaterThanOrEqualTo(InteractionFiles.BASE_TIME);
  }

  @Test
  void badRowsUnderTheLimitAreCountedWithTheirLineNumbers() throws Exception {
    StringBuilder b = new StringBuilder("user_id,item_id\n");
    for (InteractionFiles.Line l : InteractionFiles.world(4, 60)) {
      b.append(l.user()).append(',').append(l.item()).append('\n');
    }
    b.append("x,5\n"); // line 52: the header and 50 interactions come first
    b.append(",7\n"); // line 53
    b.append("3,-4\n"); // line 54
    Path file = InteractionFiles.write(dir.resolve("in.csv"), b.toString());

    JobResult result =
        runImport(
            dir.resolve("lake"),
            Map.of("input", file.toString(), "max-bad-rows", "3", "eval-negatives", "10"));

    assertThat(result.details()).containsEntry("bad_rows", 3L);
    assertThat(result.details().get("bad_row_lines")).isEqualTo("[52, 53, 54]");
    assertThat(lake(dir.resolve("lake")).read(LakeTable.POSITIVES_SPLITS).count()).isEqualTo(50);
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT status, details::text FROM pipeline_runs WHERE job = 'import'"
                        + " ORDER BY id DESC LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("succeeded");
      assertThat(rs.getString(2)).contains("52, 53, 54");
    }
  }

  @Test
  void tooManyBadRowsFailWithoutTouchingTheLakeOrTheCatalog() throws Exception {
    Path lakeDir = dir.resolve("lake");
    Path good = InteractionFiles.movielens(dir.resolve("ml"), InteractionFiles.world(4, 60));
    runImport(lakeDir, Map.of("input", good.toString(), "format", "movielens"));
    Lake lake = lake(lakeDir);
    Map<String, Long> before = lake.versions(LakeTable.values());
    long catalogBefore = playlistsInPostgres();

    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      b.append(i).append('\t').append(100 + i).append("\t5\t").append(1000 + i).append('\n');
    }
    b.append("1\t2\t5\tyesterday\n"); // line 21
    b.append("1\tabc\t5\t1000\n"); // line 22
    Path bad = InteractionFiles.write(dir.resolve("bad/u.data"), b.toString());

    assertThatThrownBy(
            () ->
                runImport(
                    lakeDir,
                    Map.of("input", bad.toString(), "format", "movielens", "max-bad-rows", "0.05")))
        .isInstanceOf(TooManyBadRowsException.class)
        .hasMessageContaining("2 of 22 data lines")
        .hasMessageContaining("line 21")
        .hasMessageContaining("line 22");

    assertThat(lake.versions(LakeTable.values())).isEqualTo(before);
    assertThat(lake.read(LakeTable.PLAYLISTS).count()).isEqualTo(catalogBefore);
    assertThat(playlistsInPostgres()).isEqualTo(catalogBefore);

    Path empty = dir.resolve("empty-lake");
    assertThatThrownBy(
            () -> runImport(empty, Map.of("input", bad.toString(), "format", "movielens")))
        .isInstanceOf(TooManyBadRowsException.class);
    assertThat(Files.exists(empty)).isFalse();
  }

  @Test
  void importIntoALakeWithFeedbackNeedsForceAndThenKeepsTheFeedback() throws Exception {
    Path lakeDir = dir.resolve("lake");
    Path first = InteractionFiles.movielens(dir.resolve("ml"), InteractionFiles.world(6, 80));
    runImport(lakeDir, Map.of("input", first.toString(), "format", "movielens"));
    Lake lake = lake(lakeDir);
    List<Integer> catalog =
        lake.read(LakeTable.PLAYLISTS).orderBy("playlist_id").collectAsList().stream()
            .map(r -> r.getInt(0))
            .toList();
    // User 99 likes 30 playlists, each shown beside the last two of the catalog.
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO feedback (user_id, like_playlist, other_playlists, created_at) VALUES ");
    for (int i = 0; i < 30; i++) {
      sql.append(i == 0 ? "" : ", ")
          .append(
              String.format(
                  "(99, %d, '{%d,%d}', '2026-03-09 10:%02d:00+00')",
                  catalog.get(i),
                  catalog.get(catalog.size() - 1),
                  catalog.get(catalog.size() - 2),
                  i));
    }
    try (Connection c = db.connect()) {
      c.createStatement().execute(sql.toString());
    }
    TestJobs.run(new ExtractJob(), Map.of("batch-date", "2026-03-10"), db, lakeDir);
    Set<String> feedback = feedbackRows(lake);
    assertThat(feedback).anyMatch(r -> r.startsWith("val_eval_batches"));
    Map<String, Long> versions = lake.versions(LakeTable.values());

    Path other = InteractionFiles.movielens(dir.resolve("ml2"), InteractionFiles.world(4, 60));
    Map<String, String> options = Map.of("input", other.toString(), "format", "movielens");
    assertThatThrownBy(() -> runImport(lakeDir, options))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("feedback")
        .hasMessageContaining("--force");
    assertThat(lake.versions(LakeTable.values())).isEqualTo(versions);

    Map<String, String> forced = new HashMap<>(options);
    forced.put("force", "true");
    runImport(lakeDir, forced);

    assertThat(feedbackRows(lake)).isEqualTo(feedback);
    List<InteractionFiles.Line> lines = InteractionFiles.world(4, 60);
    assertThat(lake.read(LakeTable.POSITIVES_SPLITS).where("source = 'bootstrap'").count())
        .isEqualTo(lines.size());
    assertThat(
            lake.read(LakeTable.POSITIVES_SPLITS)
                .where("source = 'bootstrap' AND user_id > 4")
                .count())
        .isZero();
    assertThat(lake.read(LakeTable.TRIPLETS).where("source = 'bootstrap' AND user_id > 4").count())
        .isZero();
    assertThat(lake.read(LakeTable.VAL_EVAL_BATCHES).where("user_id > 4 AND user_id <> 99").count())
        .isZero();
  }

  /** The lake's rows that extract derived from feedback (user 99's), as sorted strings. */
  private static Set<String> feedbackRows(Lake lake) {
    Set<String> rows = new java.util.TreeSet<>();
    lake.read(LakeTable.TRIPLETS)
        .where("source = 'feedback'")
        .collectAsList()
        .forEach(r -> rows.add("triplets " + r));
    lake.read(LakeTable.POSITIVES_SPLITS)
        .where("source = 'feedback'")
        .collectAsList()
        .forEach(r -> rows.add("positives " + r));
    lake.read(LakeTable.VAL_EVAL_BATCHES)
        .where("user_id = 99")
        .collectAsList()
        .forEach(
            r ->
                rows.add(
                    "val_eval_batches " + r.getInt(0) + " " + r.getInt(1) + " " + r.getList(2)));
    assertThat(rows)
        .anyMatch(r -> r.startsWith("triplets"))
        .anyMatch(r -> r.startsWith("positives"));
    return rows;
  }

  private static long playlistsInPostgres() throws Exception {
    try (Connection c = db.connect();
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM playlists")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Set<String> splitRows(Lake lake) {
    return splitOf(lake.read(LakeTable.POSITIVES_SPLITS));
  }

  private static Set<String> splitOf(Dataset<Row> splits) {
    return splits.select("user_id", "playlist_id", "event_time", "split").collectAsList().stream()
        .map(r -> r.getInt(0) + "/" + r.getInt(1) + "/" + r.getString(3))
        .collect(Collectors.toSet());
  }
}
