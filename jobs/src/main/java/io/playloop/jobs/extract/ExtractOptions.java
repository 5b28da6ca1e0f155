package io.playloop.jobs.extract;

import io.playloop.core.config.PipelineSettings;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/** extract's options, each declared once with its default; {@link #settings} checks them. */
final class ExtractOptions implements JobCommand<ExtractSettings> {
  @Option(
      names = "--batch-date",
      paramLabel = "YYYY-MM-DD",
      description = "the batch_date of the extracted blocks (default: today, UTC)")
  String batchDate;

  @Option(
      names = "--negatives",
      paramLabel = "N",
      defaultValue = "4",
      description = "negatives per positive (shown ones first, then sampled)")
  int negatives;

  @Option(
      names = "--val-negatives",
      paramLabel = "N",
      defaultValue = "50",
      description = "negatives per validation batch")
  int valNegatives;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "7",
      description = "seed of the negative sampling")
  long seed;

  @Option(
      names = "--retention-days",
      paramLabel = "N",
      description =
          "user-blocks older than this are deleted (playloop.pipeline.retention-days); at least"
              + " the training window (playloop.pipeline.window-days) and "
              + ExtractJob.MIN_RETENTION_DAYS)
  Integer retentionDays;

  @Option(
      names = "--keep-bootstrap",
      arity = "0..1",
      paramLabel = "true|false",
      defaultValue = "true",
      description = "never age out the bootstrap data (default: true)")
  boolean keepBootstrap;

  @Override
  public ExtractSettings settings(PlayloopConfig config) {
    PipelineSettings pipeline = config.pipeline();
    return new ExtractSettings(
        batchDate == null
            ? LocalDate.now(ZoneOffset.UTC)
            : OptionChecks.date("batch-date", batchDate),
        OptionChecks.notNegative("negatives", negatives),
        OptionChecks.positive("val-negatives", valNegatives),
        seed,
        ExtractJob.retentionDays(
            retentionDays == null ? pipeline.retentionDays() : retentionDays,
            pipeline.windowDays()),
        keepBootstrap);
  }
}
