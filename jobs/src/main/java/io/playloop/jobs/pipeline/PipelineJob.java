package io.playloop.jobs.pipeline;

import io.playloop.core.db.RunStatus;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.JobRunner;
import io.playloop.jobs.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule of the loop: simulate every few minutes (when enabled); weekly, or early when enough
 * new feedback arrived, a retraining cycle of extract, metrics, pair-users, train and score (with
 * the gate). The simulator and the retraining cycle run on threads of their own, so a long retrain
 * never delays a simulation, and neither starts again while it is still running. A failed step ends
 * its cycle, leaves the active model serving, and the cycle is tried again after a pause. Every
 * step is an ordinary job with its own pipeline_runs row.
 */
public final class PipelineJob implements Job<PipelineSchedule> {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);

  /** The steps of a retraining cycle, in order. */
  public static final List<String> CYCLE =
      List.of("extract", "metrics", "pair-users", "train", "score");

  /** Runs one step (a job by name with its options); false when it failed. */
  interface Steps {
    boolean run(JobContext context, String step, Map<String, String> options);
  }

  private final Clock clock;
  private final Steps steps;

  public PipelineJob() {
    this(Clock.systemUTC(), PipelineJob::runStep);
  }

  PipelineJob(Clock clock, Steps steps) {
    this.clock = clock;
    this.steps = steps;
  }

  @Override
  public String name() {
    return "pipeline";
  }

  @Override
  public String description() {
    return "the loop's schedule: simulate every 10 minutes, retrain weekly or on feedback volume";
  }

  @Override
  public JobCommand<PipelineSchedule> command() {
    return new PipelineOptions();
  }

  @Override
  public JobResult run(JobContext context, PipelineSchedule s) throws Exception {
    PipelineState state = new PipelineState(context.db());
    AtomicInteger cycles = new AtomicInteger();
    AtomicInteger failedCycles = new AtomicInteger();
    AtomicInteger simulations = new AtomicInteger();
    AtomicReference<Instant> lastFailure = new AtomicReference<>();
    // Remembered here, not read back from pipeline_runs: a simulation counts from its start.
    Instant lastSimulation = state.lastStart("simulate", null);
    ExecutorService simulator = Executors.newSingleThreadExecutor(named("pipeline-simulate"));
    ExecutorService retrainer = Executors.newSingleThreadExecutor(named("pipeline-retrain"));
    Future<?> simulation = null;
    Future<?> retraining = null;
    try {
      for (int tick = 1; s.maxTicks() == 0 || tick <= s.maxTicks(); tick++) {
        Instant now = clock.instant();
        if (s.simulate() && idle(simulation) && due(lastSimulation, s.simulateEvery(), now)) {
          lastSimulation = now;
          Map<String, String> sim = simulateOptions(s, tick);
          simulation =
              simulator.submit(
                  () -> {
                    if (steps.run(context, "simulate", sim)) {
                      simulations.incrementAndGet();
                    }
                  });
        }
        if (idle(retraining)) {
          if (s.maxCycles() > 0 && cycles.get() >= s.maxCycles()) {
            break;
          }
          Instant failed = lastFailure.get();
          boolean backingOff = failed != null && now.isBefore(failed.plus(s.retryAfter()));
          String reason =
              backingOff ? null : retrainReason(state, s.retrainEvery(), s.retrainThreshold(), now);
          if (reason != null) {
            retraining =
                retrainer.submit(
                    () -> {
                      boolean ok = cycle(context, s, state, reason);
                      cycles.incrementAndGet();
                      if (ok) {
                        lastFailure.set(null);
                      } else {
                        failedCycles.incrementAndGet();
                        lastFailure.set(clock.instant());
                      }
                    });
          }
        }
        if (s.maxTicks() == 0 || tick < s.maxTicks()) {
          Thread.sleep(Math.max(1, s.tickMillis()));
        }
      }
      // What was started finishes before the run reports.
      await(retraining);
      await(simulation);
    } finally {
      simulator.shutdownNow();
      retrainer.shutdownNow();
      simulator.awaitTermination(1, TimeUnit.MINUTES);
      retrainer.awaitTermination(1, TimeUnit.MINUTES);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cycles", cycles.get());
    details.put("failed_cycles", failedCycles.get());
    details.put("simulations", simulations.get());
    details.put("active_model", String.valueOf(state.activeModel()));
    return new JobResult(0, cycles.get(), "pipeline: " + details, null, details);
  }

  /** One retraining cycle; false when a step failed (the rest of the cycle is skipped). */
  private boolean cycle(JobContext context, PipelineSchedule s, PipelineState state, String why) {
    LOG.info("pipeline: retraining cycle starts ({})", why);
    for (String step : CYCLE) {
      if (!steps.run(context, step, s.stepOptions().getOrDefault(step, Map.of()))) {
        LOG.warn("pipeline: {} failed; the cycle stops, the active model keeps serving", step);
        return false;
      }
    }
    LOG.info("pipeline: cycle done, active model {}", state.activeModel());
    return true;
  }

  private static Map<String, String> simulateOptions(PipelineSchedule s, int tick) {
    Map<String, String> sim = new LinkedHashMap<>();
    sim.put("url", s.url());
    sim.put("users", String.valueOf(s.simulateUsers()));
    sim.put("window-seconds", String.valueOf(s.windowSeconds()));
    sim.put("seed", String.valueOf(s.seed() + tick));
    sim.putAll(s.stepOptions().getOrDefault("simulate", Map.of()));
    return sim;
  }

  private static boolean idle(Future<?> work) {
    return work == null || work.isDone();
  }

  private static void await(Future<?> work) throws Exception {
    if (work != null) {
      work.get();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Why a retraining cycle is due now, or null when it is not. */
  static String retrainReason(
      PipelineState state, Duration retrainEvery, long threshold, Instant now) {
    Instant lastTraining = state.lastStart("train", RunStatus.SUCCEEDED);
    if (lastTraining == null) {
      return "no model trained yet";
    }
    if (due(lastTraining, retrainEvery, now)) {
      return "last training started " + lastTraining + ", period " + retrainEvery;
    }
    long fresh = state.feedbackSinceLastTraining();
    if (threshold > 0 && fresh >= threshold) {
      return fresh + " new feedback since the last training (threshold " + threshold + ")";
    }
    return null;
  }

  static boolean due(Instant last, Duration every, Instant now) {
    return last == null || !now.isBefore(last.plus(every));
  }

  /** Runs one job as a step; false when it failed (the failure is in its pipeline_runs row). */
  private static boolean runStep(JobContext context, String step, Map<String, String> options) {
    try {
      JobRunner.runStep(context, step, options);
      return true;
    } catch (Exception e) {
      LOG.warn("pipeline: step {} failed: {}", step, JobRunner.oneLine(e));
      return false;
    }
  }

  /** "train:budget=1,algorithms=als;score:top-n=50" as options per step. */
  static Map<String, Map<String, String>> stepOptions(String spec) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(";")) {
      String[] stepAndOptions = part.split(":", 2);
      if (stepAndOptions.length != 2) {
        throw new UsageException(
            "--step-options: expected step:name=value[,name=value], got '" + part + "'");
      }
      Map<String, String> options = new LinkedHashMap<>();
      for (String kv : stepAndOptions[1].split(",")) {
        String[] pair = kv.split("=", 2);
        if (pair.length != 2) {
          throw new UsageException("--step-options: expected name=value, got '" + kv + "'");
        }
        options.put(pair[0].trim(), pair[1].trim());
      }
      out.put(stepAndOptions[0].trim(), options);
    }
    return out;
  }
}
