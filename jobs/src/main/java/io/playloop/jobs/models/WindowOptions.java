package io.playloop.jobs.models;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.UsageException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** The options that set a training window; train and pair-users mix them in. */
public final class WindowOptions {
  @Option(
      names = "--window-days",
      paramLabel = "N",
      description =
          "learn only from user-blocks of the last N days, 0 = all (playloop.pipeline.window-days)")
  Integer windowDays;

  @Option(
      names = "--keep-bootstrap",
      arity = "0..1",
      paramLabel = "true|false",
      defaultValue = "true",
      description = "keep the bootstrap user-blocks whatever their age (default: true)")
  boolean keepBootstrap;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "the last day of the window (default: today, UTC)")
  String asOf;

  /** The window these options set, the days defaulting to playloop.pipeline.window-days. */
  public TrainingWindow window(PlayloopConfig config) {
    LocalDate last;
    try {
      last = asOf == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new UsageException("--as-of must be a date like 2026-01-31, got '" + asOf + "'");
    }
    int days =
        OptionChecks.notNegative(
            "window-days", windowDays == null ? config.pipeline().windowDays() : windowDays);
    return new TrainingWindow(last, days, keepBootstrap);
  }
}
