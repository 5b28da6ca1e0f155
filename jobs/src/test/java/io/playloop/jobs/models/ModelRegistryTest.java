package io.playloop.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;

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
        registry.registerCandidate(version, "als", Map.of("rank", v), Map.of(), Map.of());
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
      registry.registerCandidate("v1", "ease", Map.of("lambda", 100), Map.of("mrr", 0.1), Map.of());
      scored(db, "v1");
      registry.promote("v1");
      registry.registerCandidate(
          "v1", "ease", Map.of("lambda", 200), Map.of("mrr", 0.2), Map.of("triplets_data", 3L));
      registry.addMetrics("v1", Map.of("gate", Map.of("passed", true)));
      var e = registry.find("v1").orElseThrow();
      assertThat(e.status()).isEqualTo("active");
      assertThat(e.params()).containsEntry("lambda", 200);
      assertThat(e.metrics()).containsEntry("mrr", 0.2).containsKey("gate");
    }
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
