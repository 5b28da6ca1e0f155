package io.playloop.serving.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.PipelineRuns;
import io.playloop.core.db.TestDatabase;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.OfflineMetrics;
import io.playloop.core.registry.SearchTrial;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The loop's gauges on /metrics, from rows written by the registry and run records' own code. */
class LoopGaugesTest {
  @Test
  void offlineMrrAndPipelineRunsAreExportedUnderLabelsPrometheusKeeps() {
    try (TestServer server = TestServer.start(c -> {})) {
      ModelRegistry registry = new ModelRegistry(server.db().settings());
      OfflineMetrics trained =
          OfflineMetrics.trained(
              Map.of("mrr", 0.31, "hit_at_10", 0.6),
              Map.of("mrr", 0.3),
              "mrr",
              true,
              2.5,
              "28 days",
              List.of(SearchTrial.of(Map.of("rank", 8), Map.of("mrr", 0.31))));
      registry.registerCandidate("t1-ease", "ease", Map.of("lambda", 100), trained, Map.of());
      server.sql(c -> Fixtures.recommendations(c, "t1-ease", Map.of(1, new int[] {1, 2})));
      registry.promote("t1-ease");
      registry.registerCandidate(
          "t1-popularity", "popularity", Map.of(), OfflineMetrics.NONE, Map.of());
      server.sql(
          c -> {
            try (Statement st = c.createStatement()) {
              // A row written before the typed record: the figures at the top level.
              st.execute(
                  "INSERT INTO models (model_version, algorithm, metrics)"
                      + " VALUES ('old-als', 'als', '{\"mrr\": 0.2}')");
              st.execute(
                  "INSERT INTO dashboard_models (day, model_version, metric, value)"
                      + " VALUES ('2026-03-01', 't1-ease', 'online_score', 0.1),"
                      + " ('2026-03-02', 't1-ease', 'online_score', 0.12)");
              st.execute(
                  "INSERT INTO dashboard_feedback (day, metric, segment, value) VALUES"
                      + " ('2026-03-01', 'online_score_by_slot', 'exploit', 0.3),"
                      + " ('2026-03-02', 'online_score_by_slot', 'exploit', 0.25),"
                      + " ('2026-03-02', 'online_score_by_slot', 'explore', 0.05)");
            }
          });
      PipelineRuns runs = new PipelineRuns(server.db().settings());
      runs.succeed(runs.start("train"), 10, 3, null, null);
      runs.succeed(runs.start("extract"), 5, 5, null, null);
      runs.fail(runs.start("extract"), "lake unreachable");

      String metrics = server.get("/metrics").body();
      assertThat(metrics)
          .contains("playloop_model_offline_mrr{model_version=\"t1-ease\",status=\"active\"} 0.31")
          .contains(
              "playloop_model_offline_mrr{model_version=\"old-als\",status=\"candidate\"} 0.2")
          .doesNotContain("playloop_model_offline_mrr{model_version=\"t1-popularity\"")
          .contains("playloop_online_score{model_version=\"t1-ease\",status=\"active\"} 0.12")
          .contains("playloop_online_score_by_slot{slot=\"exploit\"} 0.25")
          .contains("playloop_online_score_by_slot{slot=\"explore\"} 0.05")
          .contains("playloop_pipeline_last_run_failed{pipeline_job=\"extract\"} 1.0")
          .contains("playloop_pipeline_last_run_failed{pipeline_job=\"train\"} 0.0")
          .contains("playloop_pipeline_last_success_timestamp_seconds{pipeline_job=\"train\"}");
      assertThat(metrics).doesNotContainPattern("playloop_pipeline[a-z_]*\\{job=");
    }
  }

  @Test
  void aFailingQueryLeavesTheGaugesEmptyInsteadOfFailingTheScrape() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute("ALTER TABLE pipeline_runs RENAME TO pipeline_runs_away");
      }
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(db.url());
      dataSource.setUser(db.settings().user());
      MetricSnapshots snapshots = new LoopGauges(dataSource).collect();
      assertThat(snapshots.size()).isEqualTo(5);
      assertThat(snapshots.stream().mapToInt(m -> m.getDataPoints().size()).sum()).isZero();
    }
  }
}
