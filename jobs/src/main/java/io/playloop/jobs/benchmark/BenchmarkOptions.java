package io.playloop.jobs.benchmark;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.importer.BadRowLimit;
import io.playloop.jobs.importer.InteractionsFormat;
import io.playloop.jobs.models.AlgorithmOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** benchmark's options, each declared once with its default; {@link #settings} checks them. */
final class BenchmarkOptions implements JobCommand<BenchmarkSettings> {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "interactions file (e.g. MovieLens u.data); required")
  String input;

  @Option(
      names = "--max-bad-rows",
      paramLabel = "LIMIT",
      defaultValue = "1%",
      description = "unparsable rows tolerated (count, fraction or %%)")
  String maxBadRows;

  @Option(
      names = "--format",
      paramLabel = "NAME",
      defaultValue = "movielens",
      description = "movielens, lastfm or csv")
  String format;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      defaultValue = "3",
      description = "how many random splits to average over")
  int seeds;

  @Option(names = "--out", paramLabel = "FILE", description = "write the report JSON here")
  String out;

  @Mixin AlgorithmOptions algorithms;

  @Option(
      names = "--budget",
      paramLabel = "N",
      defaultValue = "5",
      description = "at most this many grid cells per algorithm")
  int budget;

  @Option(
      names = "--blend",
      arity = "0..1",
      paramLabel = "true|false",
      defaultValue = "true",
      description = "also a blend of ease and als (weight chosen on validation) (default: true)")
  boolean blend;

  @Override
  public BenchmarkSettings settings(PlayloopConfig config) {
    if (seeds < 1) {
      throw OptionChecks.bad("seeds", "must be at least 1", seeds);
    }
    return new BenchmarkSettings(
        Path.of(OptionChecks.required("input", input)),
        InteractionsFormat.byName(format),
        BadRowLimit.parse(maxBadRows),
        seeds,
        out,
        algorithms.algorithms(),
        OptionChecks.positive("budget", budget),
        blend);
  }
}
