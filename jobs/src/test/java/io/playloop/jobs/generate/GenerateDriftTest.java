package io.playloop.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** generate with taste drift: the weekly ground truth, and a bootstrap world that stays put. */
class GenerateDriftTest {
  static final Map<String, String> WORLD =
      Map.of(
          "users", "200",
          "playlists", "500",
          "songs", "3000",
          "seed", "11",
          "batch-date", "2026-01-15",
          "owner-cap", "10");
  static final Map<String, String> STEP =
      Map.of("weeks", "5", "drift-rate", "0.6", "drift-start", "3", "drift-end", "3");

  static TestDatabase db;
  static Path drifting;
  static Path again;
  static Path still;

  @BeforeAll
  static void generate() throws Exception {
    db = TestDatabase.create();
    drifting = Files.createTempDirectory("generate-drift");
    again = Files.createTempDirectory("generate-drift-again");
    still = Files.createTempDirectory("generate-still");
    TestJobs.run(new GenerateJob(), with(STEP), db, drifting);
    TestJobs.run(new GenerateJob(), with(STEP), db, again);
    TestJobs.run(new GenerateJob(), WORLD, db, still);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    db.close();
    for (Path p : List.of(drifting, again, still)) {
      org.apache.commons.io.FileUtils.deleteDirectory(p.toFile());
    }
  }

  private static Map<String, String> with(Map<String, String> drift) {
    Map<String, String> all = new HashMap<>(WORLD);
    all.putAll(drift);
    return all;
  }

  private static Lake lake(Path dir) {
    return TestJobs.context("generate", Map.of(), db, dir).lake();
  }

  private static List<String> rows(Path dir, LakeTable d) {
    return lake(dir).read(d).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void theSameSeedWritesTheSameWeeklyTruth() {
    List<String> weekly = rows(drifting, LakeTable.TRUTH_USER_LIBRARIES_WEEKLY);
    assertThat(weekly).isNotEmpty().isEqualTo(rows(again, LakeTable.TRUTH_USER_LIBRARIES_WEEKLY));
  }

  @Test
  void onlyTheDriftWeekHasChangesAndEachDriftedLibraryDiffersFromItsBootstrap() {
    Map<Integer, Row> bootstrap = new HashMap<>();
    for (Row r : lake(drifting).read(LakeTable.TRUTH_USER_LIBRARIES).collectAsList()) {
      bootstrap.put(r.getInt(0), r);
    }
    List<Row> weekly = lake(drifting).read(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY).collectAsList();
    // A step drift at week 3 with rate 0.6: about 60% of the 200 users move, once each.
    assertThat(weekly).hasSizeBetween(90, 150);
    assertThat(weekly.stream().map(r -> r.getInt(0)).distinct().count()).isEqualTo(weekly.size());
    for (Row r : weekly) {
      assertThat(r.getInt(1)).isEqualTo(3);
      Row before = bootstrap.get(r.getInt(0));
      assertThat(r.getList(2)).as("user %d", r.getInt(0)).isNotEqualTo(before.getList(1));
      assertThat(r.getList(2)).hasSameSizeAs(before.getList(1));
      assertThat(r.getDouble(3)).isEqualTo(before.getDouble(2));
    }
  }

  @Test
  void driftLeavesTheBootstrapWorldExactlyAsWithoutDrift() {
    for (LakeTable d :
        List.of(
            LakeTable.TRUTH_USER_LIBRARIES,
            LakeTable.TRUTH_PLAYLIST_SONGS,
            LakeTable.TRIPLETS,
            LakeTable.POSITIVES_SPLITS,
            LakeTable.PLAYLISTS)) {
      assertThat(rows(drifting, d)).as(d.path()).isEqualTo(rows(still, d));
    }
  }

  @Test
  void withoutDriftNoWeeklyTruthIsWritten() {
    assertThat(lake(still).exists(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY)).isFalse();
  }

  @Test
  void driftOptionsAreChecked() {
    assertThatThrownBy(() -> drift(Map.of("drift-rate", "0.5")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--weeks");
    assertThatThrownBy(() -> drift(Map.of("weeks", "4", "drift-rate", "0.5", "drift-start", "5")))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> drift(Map.of("weeks", "4", "drift-rate", "1.5")))
        .isInstanceOf(UsageException.class);
    Drift step =
        drift(Map.of("weeks", "8", "drift-rate", "0.7", "drift-start", "3", "drift-end", "3"));
    assertThat(step).isEqualTo(new Drift(0.7, 3, 3, 8));
    assertThat(drift(Map.of()).enabled()).isFalse();
  }

  private static Drift drift(Map<String, String> options) {
    return GenerateOptions.read(options, PlayloopConfig.load(null)).drift();
  }
}
