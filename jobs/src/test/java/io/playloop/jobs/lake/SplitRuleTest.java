package io.playloop.jobs.lake;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playloop.jobs.SharedSpark;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SplitRuleTest {
  @Test
  void aPairAlwaysGetsTheSameSplit() {
    for (int u = 1; u <= 50; u++) {
      for (int p = 1; p <= 50; p++) {
        assertThat(SplitRule.of(u, p)).isEqualTo(SplitRule.of(u, p));
        assertThat(SplitRule.fraction(u, p)).isGreaterThanOrEqualTo(0).isLessThan(1);
      }
    }
  }

  @Test
  void sharesAreSeventyTwentyTenOverManyPairs() {
    Map<SplitRule.Split, Integer> counts = new EnumMap<>(SplitRule.Split.class);
    int n = 0;
    for (int u = 1; u <= 1000; u++) {
      for (int p = 1; p <= 200; p++) {
        counts.merge(SplitRule.of(u, p), 1, Integer::sum);
        n++;
      }
    }
    assertThat(counts.get(SplitRule.Split.TRAIN) / (double) n).isCloseTo(0.7, within(0.005));
    assertThat(counts.get(SplitRule.Split.VAL) / (double) n).isCloseTo(0.2, within(0.005));
    assertThat(counts.get(SplitRule.Split.TEST) / (double) n).isCloseTo(0.1, within(0.005));
  }

  @Test
  void oneLikeEachGivesEveryUserAFairChanceOfValidation() {
    // One positive per user, many users: the share is the rule's, not zero as with a per-user rank.
    int val = 0;
    int test = 0;
    for (int u = 1; u <= 20_000; u++) {
      SplitRule.Split s = SplitRule.of(u, 17);
      val += s == SplitRule.Split.VAL ? 1 : 0;
      test += s == SplitRule.Split.TEST ? 1 : 0;
    }
    assertThat(val / 20_000.0).isCloseTo(0.2, within(0.01));
    assertThat(test / 20_000.0).isCloseTo(0.1, within(0.01));
  }

  @Test
  void theSparkColumnDecidesAsTheJavaFunction() {
    var spark = SharedSpark.get();
    List<Row> rows =
        spark
            .range(0, 5000)
            .selectExpr("CAST(id % 97 + 1 AS INT) AS user_id", "CAST(id / 97 + 1 AS INT) AS pid")
            .select(
                col("user_id"),
                col("pid"),
                SplitRule.column(col("user_id"), col("pid")).as("split"))
            .collectAsList();
    assertThat(rows).hasSize(5000);
    for (Row r : rows) {
      assertThat(r.getString(2)).isEqualTo(SplitRule.label(r.getInt(0), r.getInt(1)));
    }
  }
}
