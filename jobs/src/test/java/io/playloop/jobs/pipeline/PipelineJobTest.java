package io.playloop.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobCommandLine;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
  void theSimulatorKeepsItsCadenceWhileASlowRetrainRuns() throws Exception {
    AtomicInteger simulations = new AtomicInteger();
    AtomicInteger extracts = new AtomicInteger();
    AtomicInteger simulationsDuringRetrain = new AtomicInteger();
    AtomicBoolean retraining = new AtomicBoolean();
    PipelineJob.Steps steps =
        (context, step, options) -> {
          switch (step) {
            case "simulate" -> {
              if (retraining.get()) {
                simulationsDuringRetrain.incrementAndGet();
              }
              simulations.incrementAndGet();
              return true;
            }
            case "extract" -> {
              // A slow retrain: it only ends after the simulator has run twice more meanwhile.
              extracts.incrementAndGet();
              retraining.set(true);
              int seen = simulations.get();
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
              try {
                while (simulations.get() < seen + 2 && System.nanoTime() < deadline) {
                  Thread.sleep(10);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                retraining.set(false);
              }
              return simulations.get() >= seen + 2;
            }
            default -> {
              return true;
            }
          }
        };

    JobResult result =
        TestJobs.run(
            new PipelineJob(Clock.systemUTC(), steps),
            Map.of(
                "simulate", "true",
                "simulate-every", "1s",
                "tick-seconds", "0.05",
                "max-cycles", "1"),
            db,
            lakeDir);

    assertThat(simulationsDuringRetrain.get()).isGreaterThanOrEqualTo(2);
    assertThat(result.details()).containsEntry("cycles", 1).containsEntry("failed_cycles", 0);
    assertThat((Integer) result.details().get("simulations")).isGreaterThanOrEqualTo(2);
    // The retrain was due at every check while it ran, and still started only once.
    assertThat(extracts.get()).isEqualTo(1);
  }

  @Test
  void theScheduleDefaultsComeFromTheConfiguration() {
    PlayloopConfig config =
        TestJobs.context("pipeline", Map.of(), db, lakeDir)
            .config()
            .with(
                Map.of(
                    "pipeline.simulate-every-minutes", 3,
                    "pipeline.retrain-every-days", 2,
                    "pipeline.retrain-threshold", 77));
    PipelineSchedule fromConfig = JobCommandLine.settings(new PipelineJob(), List.of(), config);
    assertThat(fromConfig.simulateEvery()).isEqualTo(Duration.ofMinutes(3));
    assertThat(fromConfig.retrainEvery()).isEqualTo(Duration.ofDays(2));
    assertThat(fromConfig.retrainThreshold()).isEqualTo(77);

    PipelineSchedule fromCommandLine =
        JobCommandLine.settings(
            new PipelineJob(),
            List.of("--simulate-every", "5m", "--retrain-every=1d", "--retrain-threshold", "9"),
            config);
    assertThat(fromCommandLine.simulateEvery()).isEqualTo(Duration.ofMinutes(5));
    assertThat(fromCommandLine.retrainEvery()).isEqualTo(Duration.ofDays(1));
    assertThat(fromCommandLine.retrainThreshold()).isEqualTo(9);

    assertThatThrownBy(
            () ->
                JobCommandLine.settings(
                    new PipelineJob(),
                    List.of(),
                    config.with(Map.of("pipeline.simulate-every-minutes", 0))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("playloop.pipeline.simulate-every-minutes");
    assertThatThrownBy(
            () ->
                JobCommandLine.settings(
                    new PipelineJob(), List.of("--retrain-every", "weekly"), config))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--retrain-every");
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
