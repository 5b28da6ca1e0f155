package io.playloop.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.importer.ImportJob;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.train.TrainJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateSourceTest {
  @TempDir Path dir;

  @Test
  void anImportedLakeWithoutOwnersIsScoredFromTheCatalog() throws Exception {
    Path data = dir.resolve("u.data");
    Files.write(data, ratings(60, 80));
    Path lakeDir = dir.resolve("lake");
    try (TestDatabase db = TestDatabase.create()) {
      TestJobs.run(
          new ImportJob(), Map.of("input", data.toString(), "format", "movielens"), db, lakeDir);
      TestJobs.run(
          new TrainJob(),
          Map.of("algorithms", "popularity", "budget", "1", "version-prefix", "i"),
          db,
          lakeDir);
      JobResult scored = TestJobs.run(new ScoreJob(), Map.of(), db, lakeDir);
      assertThat(scored.details()).containsEntry("candidates", "catalog");
      assertThat((String) scored.details().get("candidates_reason"))
          .contains("no playlist has an owner");
      assertThat(scored.summary()).contains("from the catalog");
      String version = (String) scored.details().get("version");
      Lake lake = new Lake(SharedSpark.get(), lakeDir.toUri().toString());
      List<Row> recs = lake.read(LakeTable.recommendationsPath(version)).collectAsList();
      assertThat(recs).isNotEmpty();
    }
  }

  @Test
  void coverageIsTheMeanShareOfTopNTheNeighboursFill() {
    SparkSession spark = SharedSpark.get();
    StructType usersSchema = new StructType().add("user_id", DataTypes.IntegerType);
    Dataset<Row> users =
        spark.createDataFrame(
            List.of(RowFactory.create(1), RowFactory.create(2), RowFactory.create(3)), usersSchema);
    StructType pairingSchema =
        new StructType()
            .add("user_id", DataTypes.IntegerType)
            .add("candidates", DataTypes.createArrayType(DataTypes.IntegerType));
    // User 1 has more than top-N (counts as full), user 2 a fifth, user 3 no pairing row.
    Dataset<Row> pairing =
        spark.createDataFrame(
            List.of(
                RowFactory.create(1, IntStream.range(0, 60).boxed().toList()),
                RowFactory.create(2, IntStream.range(0, 10).boxed().toList()),
                RowFactory.create(4, IntStream.range(0, 50).boxed().toList())),
            pairingSchema);
    assertThat(CandidateSource.coverage(pairing, users, 50))
        .isCloseTo((1 + 0.2 + 0) / 3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void anUnknownSourceIsAUsageError() {
    assertThatThrownBy(() -> CandidateSource.requested("friends"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--candidates must be auto, neighbours or catalog, got 'friends'");
    assertThat(CandidateSource.requested("auto")).isEqualTo("auto");
  }

  /** u.data lines: each user rates 20 distinct items, the low ids more often. */
  private static List<String> ratings(int users, int items) {
    Random r = new Random(11);
    List<String> lines = new ArrayList<>();
    for (int u = 1; u <= users; u++) {
      Set<Integer> seen = new HashSet<>();
      while (seen.size() < 20) {
        int i = 1 + (int) (items * Math.pow(r.nextDouble(), 1.5));
        if (seen.add(i)) {
          lines.add(
              u + "\t" + i + "\t" + (3 + r.nextInt(3)) + "\t" + (880000000 + 100 * seen.size()));
        }
      }
    }
    return lines;
  }
}
