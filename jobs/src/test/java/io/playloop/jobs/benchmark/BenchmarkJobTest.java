package io.playloop.jobs.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkJobTest {
  @TempDir Path dir;

  @Test
  void writesTheReportShapeWithEveryAlgorithmAndMetric() throws Exception {
    Path data = dir.resolve("u.data");
    Files.write(data, movieLensLike(120, 150, 5));
    Path out = dir.resolve("report.json");
    try (TestDatabase db = TestDatabase.create()) {
      TestJobs.run(
          new BenchmarkJob(),
          Map.of(
              "input", data.toString(),
              "format", "movielens",
              "seeds", "2",
              "budget", "1",
              "als-iterations", "4",
              "out", out.toString()),
          db,
          dir.resolve("lake"));
    }
    JsonNode report = new ObjectMapper().readTree(out.toFile());
    assertThat(report.get("dataset").asText()).isEqualTo("u.data");
    assertThat(report.get("protocol").asText()).isEqualTo("holdout");
    assertThat(report.get("k").asInt()).isEqualTo(10);
    List<String> algorithms = new ArrayList<>();
    for (JsonNode r : report.get("results")) {
      algorithms.add(r.get("algorithm").asText());
      assertThat(r.get("params").isObject()).isTrue();
      for (String m :
          List.of(
              "precision_at_10",
              "recall_at_10",
              "ndcg_at_10",
              "map_at_10",
              "hit_at_1",
              "hit_at_5",
              "hit_at_10",
              "mrr",
              "train_seconds")) {
        assertThat(r.get(m).isNumber()).as(m).isTrue();
        assertThat(r.get(m).asDouble()).as(m).isGreaterThanOrEqualTo(0);
      }
      assertThat(r.get("ndcg_at_10").asDouble()).isLessThanOrEqualTo(1);
    }
    assertThat(algorithms)
        .containsExactly("popularity", "als", "ease", "bpr", "rp3beta", "itemknn", "gfcf", "blend");
    JsonNode pop = report.get("results").get(0);
    JsonNode ease = report.get("results").get(2);
    assertThat(ease.get("ndcg_at_10").asDouble()).isGreaterThan(pop.get("ndcg_at_10").asDouble());
  }

  @Test
  void badInputIsAClearUsageError() throws Exception {
    Path data = dir.resolve("bad.data");
    Files.writeString(data, "1\t2\t5\t100\nnot a line\n");
    try (TestDatabase db = TestDatabase.create()) {
      assertThatThrownBy(
              () ->
                  TestJobs.run(
                      new BenchmarkJob(),
                      Map.of("input", data.toString(), "format", "movielens"),
                      db,
                      dir.resolve("lake")))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("line 2");
      assertThatThrownBy(
              () ->
                  TestJobs.run(
                      new BenchmarkJob(),
                      Map.of("input", data.toString(), "format", "parquet"),
                      db,
                      dir.resolve("lake")))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("--format must be movielens, lastfm or csv, got 'parquet'");
    }
  }

  /** Users in taste clusters rating mostly their cluster's items, as u.data lines. */
  static List<String> movieLensLike(int users, int items, int clusters) {
    Random r = new Random(5);
    List<String> lines = new ArrayList<>();
    for (int u = 1; u <= users; u++) {
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      while (seen.size() < 25) {
        int i =
            r.nextDouble() < 0.85
                ? 1
                    + (u % clusters)
                    + clusters * (int) ((items / clusters) * Math.pow(r.nextDouble(), 2))
                : 1 + r.nextInt(items);
        if (i <= items && seen.add(i)) {
          lines.add(
              u + "\t" + i + "\t" + (1 + r.nextInt(5)) + "\t" + (880000000 + r.nextInt(1000000)));
        }
      }
    }
    return lines;
  }
}
