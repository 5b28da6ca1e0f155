package io.playloop.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.TestJobs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineJobTest {
  @TempDir Path lakeDir;
  private TestDatabase db;
  private PipelineState state;

  @BeforeEach
  void database() {
    db = TestDatabase.create();
    state = new PipelineState(db.settings());
  }

  @AfterEach
  void drop() {
    db.close();
  }

  private void sql(String statement) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  @Test
  void aRetrainIsDueWithoutAnyTrainedModel() {
    assertThat(PipelineJob.retrainReason(state, Duration.ofDays(7), 100, Instant.now()))
        .contains("no model trained yet");
  }

  @Test
  void aRecentTrainingWithLittleNewFeedbackIsNotDue() throws Exception {
    sql(
        "INSERT INTO pipeline_runs (job, started_at, status) VALUES"
            + " ('train', now() - interval '1 day', 'succeeded')");
    sql("INSERT INTO feedback (user_id, like_playlist, other_playlists) VALUES (1, 2, '{3}')");

    assertThat(PipelineJob.retrainReason(state, Duration.ofDays(7), 100, Instant.now())).isNull();
  }

  @Test
  void enoughNewFeedbackTriggersAnEarlyRetrain() throws Exception {
    sql(
        "INSERT INTO pipeline_runs (job, started_at, status) VALUES"
            + " ('train', now() - interval '1 day', 'succeeded')");
    sql(
        "INSERT INTO feedback (user_id, like_playlist, other_playlists)"
            + " SELECT g, 2, '{3}' FROM generate_series(1, 100) g");

    assertThat(PipelineJob.retrainReason(state, Duration.ofDays(7), 100, Instant.now()))
        .contains("100 new feedback");
  }

  @Test
  void afterDowntimeAMissedWeeklyRunIsDueOnceNotOncePerMissedWeek() throws Exception {
    sql(
        "INSERT INTO pipeline_runs (job, started_at, status) VALUES"
            + " ('train', now() - interval '30 days', 'succeeded')");
    Instant now = Instant.now();
    assertThat(PipelineJob.retrainReason(state, Duration.ofDays(7), 0, now)).isNotNull();

    // The missed cycle runs; its training counts from now, so the next one is a week away.
    sql("INSERT INTO pipeline_runs (job, started_at, status) VALUES ('train', now(), 'succeeded')");
    assertThat(PipelineJob.retrainReason(state, Duration.ofDays(7), 0, now.plusSeconds(60)))
        .isNull();
    assertThat(
            PipelineJob.retrainReason(
                state, Duration.ofDays(7), 0, now.plus(Duration.ofDays(7)).plusSeconds(60)))
        .isNotNull();
  }

  @Test
  void aFailedStepStopsTheCycleAndKeepsTheActiveModel() throws Exception {
    sql("INSERT INTO models (model_version, algorithm, status) VALUES ('v0', 'als', 'active')");

    // The lake is empty, so extract fails: nothing after it may run.
    JobResult result =
        TestJobs.run(
            new PipelineJob(),
            Map.of("max-cycles", "1", "max-ticks", "1", "tick-seconds", "0"),
            db,
            lakeDir);

    assertThat(result.details()).containsEntry("failed_cycles", 1).containsEntry("cycles", 1);
    assertThat(state.activeModel()).isEqualTo("v0");
    assertThat(runs()).containsExactly("pipeline succeeded", "extract failed");
  }

  @Test
  void stepOptionsAreParsedPerStep() {
    assertThat(PipelineJob.stepOptions("train:budget=1,algorithms=als;score:top-n=60"))
        .isEqualTo(
            Map.of(
                "train",
                Map.of("budget", "1", "algorithms", "als"),
                "score",
                Map.of("top-n", "60")));
  }

  private List<String> runs() throws Exception {
    List<String> runs = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement().executeQuery("SELECT job, status FROM pipeline_runs ORDER BY id")) {
      while (rs.next()) {
        runs.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return runs;
  }
}
