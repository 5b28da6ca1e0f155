package io.playloop.jobs.benchmark;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.importer.BadRowLimit;
import io.playloop.jobs.models.AlgorithmOptions;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** benchmark's options, each declared once with its default; {@link #settings} checks them. */
final class BenchmarkOptions implements JobCommand<BenchmarkSettings> {
  // What to read: one file (holdout protocol) or a published split.
  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "interactions file (e.g. MovieLens u.data), holdout protocol")
  String input;

  @Option(
      names = "--train",
      paramLabel = "PATH",
      description = "published split: the train file (instead of --input)")
  String train;

  @Option(names = "--test", paramLabel = "PATH", description = "published split: the test file")
  String test;

  @Option(
      names = "--validation",
      paramLabel = "PATH",
      description = "published split: the validation file (default: carved from train)")
  String validation;

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
      description = "movielens, lastfm, csv or adjacency (user item item ...)")
  String format;

  // What to report.
  @Option(
      names = "--k",
      paramLabel = "LIST",
      defaultValue = "10",
      description = "comma-separated cut-offs every metric is reported at")
  String k;

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
      names = "--validation-users",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "users sampled from validation to choose settings by (0: all); the test uses every user")
  int validationUsers;

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
    if ((input == null) == (train == null)) {
      throw new UsageException(
          "give either --input FILE (holdout protocol) or --train FILE --test FILE"
              + " [--validation FILE] (published split)");
    }
    if (input != null && (test != null || validation != null)) {
      throw new UsageException("--test and --validation go with --train, not --input");
    }
    if (train != null && test == null) {
      throw new UsageException("--train needs --test FILE as well");
    }
    return new BenchmarkSettings(
        Optional.ofNullable(input),
        Optional.ofNullable(train),
        Optional.ofNullable(test),
        Optional.ofNullable(validation),
        BenchmarkInput.checkedFormat(format),
        BadRowLimit.parse(maxBadRows),
        BenchmarkJob.cutoffs(k),
        seeds,
        out,
        algorithms.algorithms(),
        OptionChecks.positive("budget", budget),
        blend,
        OptionChecks.notNegative("validation-users", validationUsers));
  }
}
