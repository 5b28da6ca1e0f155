package io.playloop.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
  @Test
  void exactlyOneVersionIsActiveAfterConcurrentPromotions() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      ModelRegistry registry = new ModelRegistry(db.settings());
      List<String> versions = new ArrayList<>();
      for (int v = 0; v < 6; v++) {
        String version = "v" + v;
        versions.add(version);
        registry.registerCandidate(
            version, "als", Map.of("rank", v), OfflineMetrics.NONE, Map.of());
        scored(db, version);
      }
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        for (int round = 0; round < 5; round++) {
          CountDownLatch start = new CountDownLatch(1);
          List<Future<?>> done = new ArrayList<>();
          for (String v : versions) {
            done.add(
                pool.submit(
                    () -> {
                      start.await();
                      registry.promote(v);
                      return null;
                    }));
          }
          start.countDown();
          for (Future<?> f : done) {
            f.get(); // no promotion fails: they serialize instead of clashing on the index
          }
          assertThat(count(db, "status = 'active'")).isEqualTo(1);
          assertThat(count(db, "traffic_share = 1")).isEqualTo(1);
          assertThat(count(db, "status = 'retired'")).isEqualTo(5);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void reRegisteringReplacesParamsAndMetricsAndKeepsStatus() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      ModelRegistry registry = new ModelRegistry(db.settings());
      registry.registerCandidate("v1", "ease", Map.of("lambda", 100), validationMrr(0.1), Map.of());
      scored(db, "v1");
      registry.promote("v1");
      registry.registerCandidate(
          "v1", "ease", Map.of("lambda", 200), validationMrr(0.2), Map.of("triplets_data", 3L));
      registry.recordGate("v1", new GateRecord(OfflineMetric.MRR, 0.2, null, null, true));
      var e = registry.find("v1").orElseThrow();
      assertThat(e.status()).isEqualTo(ModelStatus.ACTIVE);
      assertThat(e.params()).containsEntry("lambda", 200);
      assertThat(e.metrics().validation()).containsEntry(OfflineMetric.MRR, 0.2);
      assertThat(e.metrics().gate().passed()).isTrue();
    }
  }

  @Test
  void theValidationDataOfTrainingAndOfTheGateRoundTrip() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      ModelRegistry registry = new ModelRegistry(db.settings());
      ValidationScope recent =
          new ValidationScope(
              java.time.LocalDate.parse("2026-02-01"),
              java.time.LocalDate.parse("2026-02-03"),
              java.time.LocalDate.parse("2026-02-14"),
              240,
              false);
      OfflineMetrics trained = validationMrr(0.3).withValidationData(recent);
      registry.registerCandidate("v1", "ease", Map.of(), trained, Map.of());
      ValidationScope fellBack =
          new ValidationScope(java.time.LocalDate.parse("2026-02-01"), null, null, 12, true);
      registry.recordGate("v1", new GateRecord(OfflineMetric.MRR, 0.3, "v0", 0.2, true, fellBack));

      OfflineMetrics read = registry.find("v1").orElseThrow().metrics();
      assertThat(read.validationData()).isEqualTo(recent);
      assertThat(read.validationData().windowed()).isTrue();
      assertThat(read.gate().validation()).isEqualTo(fellBack);
      assertThat(read.gate().validation().windowed()).isFalse();
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT metrics->'validation_data'->>'from',"
                          + " metrics->'gate'->'validation'->>'fallback' FROM models")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("2026-02-03");
        assertThat(rs.getString(2)).isEqualTo("true");
      }
    }
  }

  @Test
  void theActiveVersionAndTheCandidateSplitAreWhatTheServerServes() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      ModelRegistry registry = new ModelRegistry(db.settings());
      assertThat(registry.served()).isNull();
      assertThat(registry.activeVersion()).isEmpty();
      for (String v : List.of("v1", "v2", "v3")) {
        registry.registerCandidate(v, "ease", Map.of(), OfflineMetrics.NONE, Map.of());
        scored(db, v);
      }
      registry.promote("v1");
      assertThat(registry.served()).isEqualTo(new ServedVersions("v1", null, 0));
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute("UPDATE models SET traffic_share = 0.25 WHERE model_version IN ('v2', 'v3')");
      }
      // The newest candidate with a share takes the split.
      assertThat(registry.served()).isEqualTo(new ServedVersions("v1", "v3", 0.25));
      assertThat(registry.activeVersion()).contains("v1");
      assertThat(registry.notRetired())
          .extracting(ModelEntry::modelVersion)
          .containsExactly("v3", "v2", "v1");
    }
  }

  @Test
  void theTrainingRecordRoundTripsAndOldFlatRowsStillRead() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      ModelRegistry registry = new ModelRegistry(db.settings());
      OfflineMetrics trained =
          OfflineMetrics.trained(
              Map.of("mrr", 0.31, "ndcg_at_10", 0.2),
              Map.of("mrr", 0.29),
              "mrr",
              true,
              12.5,
              "28 days",
              List.of(SearchTrial.of(Map.of("rank", 8), Map.of("mrr", 0.31))));
      registry.registerCandidate("v1", "als", Map.of("rank", 8), trained, Map.of());
      assertThat(registry.find("v1").orElseThrow().metrics()).isEqualTo(trained);
      assertThat(registry.newestChosen().orElseThrow().modelVersion()).isEqualTo("v1");
      // The layout on disk: the figures sit under "validation".
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement()
                  .executeQuery("SELECT metrics->'validation'->>'mrr' FROM models")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("0.31");
      }
      // A row written before the layout had validation figures at the top level.
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO models (model_version, algorithm, metrics) VALUES"
                + " ('old', 'ease', '{\"mrr\": 0.25, \"note\": \"x\", \"unknown_metric\": 1}')");
      }
      OfflineMetrics old = registry.find("old").orElseThrow().metrics();
      assertThat(old.validation(OfflineMetric.MRR)).isEqualTo(0.25);
      assertThat(old.validation()).hasSize(1);
      assertThat(old.chosen()).isFalse();
    }
  }

  @Test
  void anUnknownMetricNameIsRefusedWhenWritten() {
    assertThatThrownBy(
            () ->
                OfflineMetrics.trained(
                    Map.of("mrr@7", 0.1), Map.of(), "mrr", true, 0, "", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown offline metric 'mrr@7'")
        .hasMessageContaining("ndcg_at_10");
  }

  private static OfflineMetrics validationMrr(double mrr) {
    return OfflineMetrics.trained(Map.of("mrr", mrr), Map.of(), "mrr", false, 0, "", List.of());
  }

  private static void scored(TestDatabase db, String version) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO recommendations VALUES ('" + version + "', 1, '{1,2}', '{0.5,0.4}')");
    }
  }

  private static int count(TestDatabase db, String where) throws Exception {
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement().executeQuery("SELECT count(*) FROM models WHERE " + where)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
