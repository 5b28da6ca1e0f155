package io.playloop.jobs.pairing;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.models.WindowOptions;
import io.playloop.jobs.models.algorithms.als.AlsParams;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** pair-users' options, each declared once with its default; {@link #settings} checks them. */
final class PairUsersOptions implements JobCommand<PairUsersSettings> {
  @Option(
      names = "--neighbours",
      paramLabel = "N",
      defaultValue = "50",
      description = "at most this many neighbours per user")
  int neighbours;

  @Option(
      names = "--min-candidates",
      paramLabel = "N",
      defaultValue = "20",
      description = "walk neighbours until this many candidates")
  int minCandidates;

  @Option(
      names = "--max-candidates",
      paramLabel = "N",
      defaultValue = "75",
      description = "sample at most this many candidates")
  int maxCandidates;

  @Option(
      names = "--rank",
      paramLabel = "N",
      defaultValue = "16",
      description = "taste vector size (ALS factors)")
  int rank;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "8",
      description = "ALS iterations for the taste vectors")
  int iterations;

  @Option(names = "--tables", paramLabel = "N", defaultValue = "4", description = "LSH hash tables")
  int tables;

  @Option(
      names = "--bucket-size",
      paramLabel = "N",
      defaultValue = "1000",
      description = "target users per LSH bucket")
  int bucketSize;

  @Option(
      names = "--version",
      paramLabel = "VERSION",
      description = "pairing version (default: a UTC timestamp)")
  String version;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed")
  long seed;

  // Tastes that changed are forgotten by the pairing as by the rankers: the same window.
  @Mixin WindowOptions window;

  @Override
  public PairUsersSettings settings(PlayloopConfig config) {
    if (neighbours < 1 || minCandidates < 1 || maxCandidates < minCandidates) {
      throw new UsageException(
          "need --neighbours >= 1 and 1 <= --min-candidates <= --max-candidates");
    }
    String v =
        version != null
            ? version
            : ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    if (!v.matches("[A-Za-z0-9_.-]+")) {
      throw new UsageException("--version may use letters, digits, '.', '_' and '-' only");
    }
    AlsParams taste;
    try {
      taste = new AlsParams(rank, 0.1, 1.0, iterations, 0);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--rank and --iterations: " + e.getMessage());
    }
    return new PairUsersSettings(
        neighbours,
        minCandidates,
        maxCandidates,
        taste,
        OptionChecks.positive("tables", tables),
        OptionChecks.positive("bucket-size", bucketSize),
        v,
        seed,
        window.window(config));
  }
}
