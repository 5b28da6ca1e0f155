package io.playloop.jobs.pipeline;

import io.playloop.core.config.PipelineSettings;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import picocli.CommandLine.Option;

/** pipeline's options, each declared once with its default; {@link #settings} checks them. */
final class PipelineOptions implements JobCommand<PipelineSchedule> {
  @Option(names = "--simulate", arity = "0..1", description = "run the simulator on its schedule")
  boolean simulate;

  @Option(
      names = "--simulate-every",
      paramLabel = "DURATION",
      description =
          "simulator period, like 30s, 10m or 6h (playloop.pipeline.simulate-every-minutes)")
  String simulateEvery;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      description = "the server the simulator plays against")
  String url;

  @Option(
      names = "--simulate-users",
      paramLabel = "N",
      defaultValue = "100",
      description = "users per simulator run")
  int simulateUsers;

  @Option(
      names = "--window-seconds",
      paramLabel = "N",
      defaultValue = "600",
      description = "simulator window")
  double windowSeconds;

  @Option(
      names = "--retrain-every",
      paramLabel = "DURATION",
      description = "retraining period, like 7d (playloop.pipeline.retrain-every-days)")
  String retrainEvery;

  @Option(
      names = "--retrain-threshold",
      paramLabel = "N",
      description =
          "new feedback that triggers an early retrain, 0: never (playloop.pipeline.retrain-threshold)")
  Long retrainThreshold;

  @Option(
      names = "--retry-after",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description = "pause before a failed cycle is tried again")
  String retryAfter;

  @Option(
      names = "--tick-seconds",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "how often the schedule is checked")
  double tickSeconds;

  @Option(
      names = "--max-cycles",
      paramLabel = "N",
      defaultValue = "0",
      description = "stop after this many retraining cycles (0: never)")
  int maxCycles;

  @Option(
      names = "--max-ticks",
      paramLabel = "N",
      defaultValue = "0",
      description = "stop after this many checks (0: never)")
  int maxTicks;

  @Option(
      names = "--step-options",
      paramLabel = "SPEC",
      defaultValue = "",
      description = "extra options per step, e.g. train:budget=1;score:top-n=50")
  String stepOptions;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "simulator seed base")
  long seed;

  @Override
  public PipelineSchedule settings(PlayloopConfig config) {
    PipelineSettings pipeline = config.pipeline();
    if (!(tickSeconds >= 0) || Double.isInfinite(tickSeconds)) {
      throw OptionChecks.bad("tick-seconds", "must be 0 or more", tickSeconds);
    }
    return new PipelineSchedule(
        simulate,
        simulateEvery == null
            ? pipeline.simulateEvery()
            : Durations.parse("simulate-every", simulateEvery),
        url,
        OptionChecks.positive("simulate-users", simulateUsers),
        OptionChecks.notNegative("window-seconds", windowSeconds),
        retrainEvery == null
            ? pipeline.retrainEvery()
            : Durations.parse("retrain-every", retrainEvery),
        OptionChecks.notNegative(
            "retrain-threshold",
            retrainThreshold == null ? pipeline.retrainThreshold() : retrainThreshold),
        Durations.parse("retry-after", retryAfter),
        (long) (tickSeconds * 1000),
        OptionChecks.notNegative("max-cycles", maxCycles),
        OptionChecks.notNegative("max-ticks", maxTicks),
        PipelineJob.stepOptions(stepOptions),
        seed);
  }
}
