package io.playloop.jobs.pipeline;

import io.playloop.core.db.RunStatus;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.JobRunner;
import io.playloop.jobs.LegacyJob;
import io.playloop.jobs.OptionSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule of the loop: simulate every few minutes (when enabled); weekly, or early when enough
 * new feedback arrived, a retraining cycle of extract, metrics, pair-users, train and score (with
 * the gate). A failed step ends its cycle, leaves the active model serving, and the cycle is tried
 * again after a pause. Every step is an ordinary job with its own pipeline_runs row.
 */
public final class PipelineJob implements LegacyJob {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);

  /** The steps of a retraining cycle, in order. */
  public static final List<String> CYCLE =
      List.of("extract", "metrics", "pair-users", "train", "score");

  private final Clock clock;

  public PipelineJob() {
    this(Clock.systemUTC());
  }

  PipelineJob(Clock clock) {
    this.clock = clock;
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
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("simulate", "run the simulator on its schedule", false),
        OptionSpec.of("simulate-every", "simulator period", "10m"),
        OptionSpec.of("url", "the server the simulator plays against", "http://127.0.0.1:8080"),
        OptionSpec.of("simulate-users", "users per simulator run", 100),
        OptionSpec.of("window-seconds", "simulator window", 600),
        OptionSpec.of("retrain-every", "retraining period", "7d"),
        OptionSpec.of(
            "retrain-threshold",
            "new feedback that triggers an early retrain (playloop.pipeline.retrain-threshold)",
            null),
        OptionSpec.of("retry-after", "pause before a failed cycle is tried again", "1h"),
        OptionSpec.of("tick-seconds", "how often the schedule is checked", 30),
        OptionSpec.of("max-cycles", "stop after this many retraining cycles (0: never)", 0),
        OptionSpec.of("max-ticks", "stop after this many checks (0: never)", 0),
        OptionSpec.of(
            "step-options", "extra options per step, e.g. train:budget=1;score:top-n=50", ""),
        OptionSpec.of("seed", "simulator seed base", 1));
  }

  @Override
  public JobResult run(JobContext context) throws Exception {
    var o = context.options();
    boolean simulate = o.getBoolean("simulate", false);
    Duration simulateEvery = Durations.parse("simulate-every", o.get("simulate-every", "10m"));
    Duration retrainEvery = Durations.parse("retrain-every", o.get("retrain-every", "7d"));
    Duration retryAfter = Durations.parse("retry-after", o.get("retry-after", "1h"));
    long threshold =
        o.getLong(
            "retrain-threshold", context.config().raw().getLong("pipeline.retrain-threshold"));
    long tickMillis = (long) (o.getDouble("tick-seconds", 30) * 1000);
    int maxCycles = o.getInt("max-cycles", 0);
    int maxTicks = o.getInt("max-ticks", 0);
    Map<String, Map<String, String>> stepOptions = stepOptions(o.get("step-options", ""));
    PipelineState state = new PipelineState(context.db());

    int cycles = 0;
    int failedCycles = 0;
    int simulations = 0;
    Instant lastFailure = null;
    for (int tick = 1; maxTicks == 0 || tick <= maxTicks; tick++) {
      Instant now = clock.instant();
      if (simulate && due(state.lastStart("simulate", null), simulateEvery, now)) {
        Map<String, String> sim = new LinkedHashMap<>();
        sim.put("url", o.get("url", "http://127.0.0.1:8080"));
        sim.put("users", o.get("simulate-users", "100"));
        sim.put("window-seconds", o.get("window-seconds", "600"));
        sim.put("seed", String.valueOf(o.getLong("seed", 1) + tick));
        sim.putAll(stepOptions.getOrDefault("simulate", Map.of()));
        if (runStep(context, "simulate", sim)) {
          simulations++;
        }
      }
      String reason = retrainReason(state, retrainEvery, threshold, now);
      boolean backingOff = lastFailure != null && now.isBefore(lastFailure.plus(retryAfter));
      if (reason != null && !backingOff) {
        LOG.info("pipeline: retraining cycle starts ({})", reason);
        boolean ok = true;
        for (String step : CYCLE) {
          if (!runStep(context, step, stepOptions.getOrDefault(step, Map.of()))) {
            LOG.warn("pipeline: {} failed; the cycle stops, the active model keeps serving", step);
            ok = false;
            break;
          }
        }
        cycles++;
        if (ok) {
          lastFailure = null;
          LOG.info("pipeline: cycle done, active model {}", state.activeModel());
        } else {
          failedCycles++;
          lastFailure = clock.instant();
        }
        if (maxCycles > 0 && cycles >= maxCycles) {
          break;
        }
      }
      if (maxTicks == 0 || tick < maxTicks) {
        Thread.sleep(tickMillis);
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cycles", cycles);
    details.put("failed_cycles", failedCycles);
    details.put("simulations", simulations);
    details.put("active_model", String.valueOf(state.activeModel()));
    return new JobResult(0, cycles, "pipeline: " + details, null, details);
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
        throw new io.playloop.jobs.UsageException(
            "--step-options: expected step:name=value[,name=value], got '" + part + "'");
      }
      Map<String, String> options = new LinkedHashMap<>();
      for (String kv : stepAndOptions[1].split(",")) {
        String[] pair = kv.split("=", 2);
        if (pair.length != 2) {
          throw new io.playloop.jobs.UsageException(
              "--step-options: expected name=value, got '" + kv + "'");
        }
        options.put(pair[0].trim(), pair[1].trim());
      }
      out.put(stepAndOptions[0].trim(), options);
    }
    return out;
  }
}
