package io.playloop.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training reads only the user-blocks inside its window; both boundary days are inside. */
class TrainingWindowTest {
  @TempDir static Path dir;
  static Lake lake;
  static final LocalDate AS_OF = LocalDate.parse("2026-03-29");

  @BeforeAll
  static void blocksOfSeveralAges() {
    var spark = SharedSpark.get();
    lake = new Lake(spark, dir.toUri().toString());
    lake.overwrite(
        LakeTable.TRIPLETS,
        spark.createDataFrame(
            List.of(
                block(1, 10, "bootstrap", "2026-01-01"),
                block(1, 11, "feedback", "2026-03-01"), // 29 days before as-of: outside 28
                block(1, 12, "feedback", "2026-03-02"), // first day of a 28-day window
                block(2, 13, "feedback", "2026-03-29"),
                block(2, 15, "feedback", "2026-03-30")), // after as-of: outside too
            LakeTable.TRIPLETS.schema()));
    Timestamp t = Timestamp.valueOf("2026-01-01 00:00:00");
    lake.overwrite(
        LakeTable.POSITIVES_SPLITS,
        spark.createDataFrame(
            List.of(
                RowFactory.create(1, 10, t, "train", "bootstrap"),
                RowFactory.create(1, 14, t, "val", "bootstrap")),
            LakeTable.POSITIVES_SPLITS.schema()));
    lake.overwrite(
        LakeTable.VAL_EVAL_BATCHES,
        spark.createDataFrame(
            List.<Row>of(RowFactory.create(1, 14, new int[] {20, 21})),
            LakeTable.VAL_EVAL_BATCHES.schema()));
  }

  private static Row block(int user, int positive, String source, String batch) {
    return RowFactory.create(
        user,
        positive,
        new int[] {90 + positive},
        Timestamp.valueOf(batch + " 12:00:00"),
        source,
        Date.valueOf(batch));
  }

  private static Set<Integer> positives(TrainingWindow window) {
    return new LakeWorld(lake, window)
        .trainPositives().collectAsList().stream()
            .map(r -> r.getInt(1))
            .collect(Collectors.toSet());
  }

  @Test
  void aTwentyEightDayWindowKeepsItsFirstDayAndDropsTheDayBefore() {
    assertThat(positives(new TrainingWindow(AS_OF, 28, true)))
        .containsExactlyInAnyOrder(10, 12, 13);
  }

  @Test
  void withoutKeepingTheBootstrapOnlyRecentBlocksRemain() {
    assertThat(positives(new TrainingWindow(AS_OF, 28, false))).containsExactlyInAnyOrder(12, 13);
    Set<Integer> negatives =
        new LakeWorld(lake, new TrainingWindow(AS_OF, 28, false))
            .negatives().collectAsList().stream().map(r -> r.getInt(1)).collect(Collectors.toSet());
    assertThat(negatives).containsExactlyInAnyOrder(102, 103);
  }

  @Test
  void noWindowReadsEverything() {
    assertThat(positives(TrainingWindow.NONE)).containsExactlyInAnyOrder(10, 11, 12, 13, 15);
  }
}
