package io.playloop.jobs.importer;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/** import's options, each declared once with its default; {@link #settings} checks them. */
final class ImportOptions implements JobCommand<ImportSettings> {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "the interactions file (any Hadoop path: local, file:, s3a:); required")
  String input;

  @Option(
      names = "--format",
      paramLabel = "NAME",
      defaultValue = "csv",
      description =
          "movielens (u.data: tab, user item rating timestamp), lastfm (user_artists.dat),"
              + " or csv (CSV/TSV, layout detected or given below)")
  String format;

  @Option(
      names = "--delimiter",
      paramLabel = "D",
      description = "tab, comma, semicolon, pipe, space or one character (default: detect)")
  String delimiter;

  @Option(
      names = "--header",
      paramLabel = "true|false",
      arity = "0..1",
      description = "line 1 is a header (default: detect)")
  Boolean header;

  @Option(
      names = "--user-col",
      paramLabel = "COL",
      description = "user id column: header name or 1-based number")
  String userCol;

  @Option(
      names = "--item-col",
      paramLabel = "COL",
      description = "item id column: header name or 1-based number")
  String itemCol;

  @Option(
      names = "--weight-col",
      paramLabel = "COL",
      description = "weight column: name, number, or none (every interaction weighs 1)")
  String weightCol;

  @Option(
      names = "--time-col",
      paramLabel = "COL",
      description = "time column (epoch seconds/ms or ISO date): name, number, or none")
  String timeCol;

  @Option(
      names = "--min-weight",
      paramLabel = "X",
      description =
          "interactions weighing at least this are positives, e.g. 4 for MovieLens ratings"
              + " (default: every interaction is a positive)")
  Double minWeight;

  @Option(
      names = "--max-bad-rows",
      paramLabel = "LIMIT",
      defaultValue = "1%",
      description = "bad rows tolerated: a count (100), fraction (0.01) or percentage")
  String maxBadRows;

  @Option(
      names = "--titles",
      paramLabel = "PATH",
      description = "item titles, pipe-delimited id|title (MovieLens u.item)")
  String titles;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "random seed of the negatives")
  long seed;

  @Option(
      names = "--negatives",
      paramLabel = "N",
      defaultValue = "4",
      description = "negatives per train positive in a user-block")
  int negatives;

  @Option(
      names = "--eval-negatives",
      paramLabel = "N",
      defaultValue = "50",
      description = "negatives per validation batch")
  int evalNegatives;

  @Option(
      names = "--batch-date",
      paramLabel = "YYYY-MM-DD",
      description = "batch_date of the user-blocks (default: today, UTC)")
  String batchDate;

  @Option(
      names = "--force",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "import into a lake that holds data extracted from feedback: the bootstrap part is"
              + " replaced, the feedback part kept")
  boolean force;

  @Override
  public ImportSettings settings(PlayloopConfig config) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    LocalDate day =
        batchDate == null
            ? LocalDate.ofInstant(now, ZoneOffset.UTC)
            : OptionChecks.date("batch-date", batchDate);
    ImportedWorld.Settings world =
        new ImportedWorld.Settings(
            minWeight,
            seed,
            atLeastOne("negatives", negatives),
            atLeastOne("eval-negatives", evalNegatives),
            Timestamp.from(now),
            Date.valueOf(day));
    return new ImportSettings(
        OptionChecks.required("input", input),
        format(),
        BadRowLimit.parse(maxBadRows),
        titles,
        world,
        force);
  }

  /** The input's layout: the named format, with what the options say about it. */
  InteractionsFormat format() {
    InteractionsFormat f = InteractionsFormat.byName(format);
    if (delimiter != null) {
      f = f.withDelimiter(InteractionsFormat.parseDelimiter(delimiter));
    }
    if (header != null) {
      f = f.withHeader(header);
    }
    if (userCol != null) {
      f = f.withUser(ColumnRef.parse("user-col", userCol));
    }
    if (itemCol != null) {
      f = f.withItem(ColumnRef.parse("item-col", itemCol));
    }
    if (weightCol != null) {
      f =
          weightCol.equalsIgnoreCase("none")
              ? f.withWeight(null, false)
              : f.withWeight(ColumnRef.parse("weight-col", weightCol), true);
    }
    if (timeCol != null) {
      f =
          timeCol.equalsIgnoreCase("none")
              ? f.withTime(null, false)
              : f.withTime(ColumnRef.parse("time-col", timeCol), true);
    }
    return f;
  }

  private static int atLeastOne(String name, int v) {
    if (v < 1) {
      throw OptionChecks.bad(name, "must be at least 1", v);
    }
    return v;
  }
}
