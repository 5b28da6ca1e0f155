package io.playloop.jobs.importer;

import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobOptions;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.LegacyJob;
import io.playloop.jobs.OptionSpec;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.catalog.CatalogSync;
import io.playloop.jobs.lake.BootstrapData;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import job: an external interactions file into the same lake layout as generate, and the
 * catalog into PostgreSQL. Everything is read and checked before the first write, so a file with
 * too many bad rows changes nothing. A lake that already holds data extracted from feedback is
 * imported into only with --force, which keeps that data.
 */
public final class ImportJob implements LegacyJob {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJob.class);

  @Override
  public String name() {
    return "import";
  }

  @Override
  public String description() {
    return "an external interactions file (MovieLens, Last.fm, CSV/TSV) into the lake";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("input", "the interactions file (any Hadoop path: local, file:, s3a:)", null),
        OptionSpec.of(
            "format",
            "movielens (u.data: tab, user item rating timestamp), lastfm (user_artists.dat),"
                + " or csv (CSV/TSV, layout detected or given below)",
            "csv"),
        OptionSpec.of(
            "delimiter",
            "tab, comma, semicolon, pipe, space or one character (default: detect)",
            null),
        OptionSpec.of("header", "true or false: line 1 is a header (default: detect)", null),
        OptionSpec.of("user-col", "user id column: header name or 1-based number", null),
        OptionSpec.of("item-col", "item id column: header name or 1-based number", null),
        OptionSpec.of(
            "weight-col",
            "weight column: name, number, or none (every interaction weighs 1)",
            null),
        OptionSpec.of(
            "time-col", "time column (epoch seconds/ms or ISO date): name, number, or none", null),
        OptionSpec.of(
            "min-weight",
            "interactions weighing at least this are positives, e.g. 4 for MovieLens ratings"
                + " (default: every interaction is a positive)",
            null),
        OptionSpec.of(
            "max-bad-rows",
            "bad rows tolerated: a count (100), fraction (0.01) or percentage",
            "1%"),
        OptionSpec.of("titles", "item titles, pipe-delimited id|title (MovieLens u.item)", null),
        OptionSpec.of("seed", "random seed of the negatives", 42),
        OptionSpec.of("negatives", "negatives per train positive in a user-block", 4),
        OptionSpec.of("eval-negatives", "negatives per validation batch", 50),
        OptionSpec.of("batch-date", "batch_date of the user-blocks (default: today, UTC)", null),
        OptionSpec.of(
            "force",
            "import into a lake that holds data extracted from feedback: the bootstrap part is"
                + " replaced, the feedback part kept",
            false));
  }

  @Override
  public JobResult run(JobContext context) {
    JobOptions o = context.options();
    String input = o.require("input");
    InteractionsFormat format = formatFrom(o);
    BadRowLimit limit = BadRowLimit.parse(o.get("max-bad-rows", "1%"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ImportedWorld.Settings settings =
        new ImportedWorld.Settings(
            o.get("min-weight").map(v -> o.getDouble("min-weight", 0)).orElse(null),
            o.getLong("seed", 42),
            positive(o, "negatives", 4),
            positive(o, "eval-negatives", 50),
            Timestamp.from(now),
            batchDate(o, now));

    boolean force = o.getBoolean("force", false);
    var spark = context.spark();
    BootstrapData.FeedbackData feedback = BootstrapData.feedbackIn(context.lake());
    if (!feedback.isEmpty() && !force) {
      throw new UsageException(
          "the lake at "
              + context.lake().root()
              + " holds data extracted from feedback ("
              + feedback.describe()
              + "); an import replaces the bootstrap: add --force to replace it and keep the"
              + " feedback data");
    }
    Interactions in = new InteractionsReader(spark).read(input, format);
    try {
      LOG.info("import: read {} ({}); {}", input, in.layout().describe(), in.badRows().describe());
      in.requireWithin(limit);
      if (in.badRows().dataLines() == in.badRows().count()) {
        throw new UsageException("--input " + input + " has no usable interactions");
      }
      String titlesFile = o.get("titles").orElse(null);
      if (titlesFile == null && format.name().equals("movielens")) {
        titlesFile = ItemTitles.besideMovieLens(spark, input);
      }
      var titles = titlesFile == null ? null : ItemTitles.read(spark, titlesFile);
      ImportedWorld world = ImportedWorld.build(spark, in, titles, settings);
      return write(context, world, in, input, titlesFile, feedback);
    } finally {
      in.release();
    }
  }

  private static JobResult write(
      JobContext context,
      ImportedWorld world,
      Interactions in,
      String input,
      String titles,
      BootstrapData.FeedbackData feedback) {
    Lake lake = context.lake();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("input", input);
    details.put("bad_rows", in.badRows().count());
    details.put("bad_row_lines", in.badRows().sampleLines().toString());
    if (titles != null) {
      details.put("titles", titles);
    }
    long out = 0;
    out += write(lake, LakeTable.PLAYLISTS, world.playlists(), details);
    out += write(lake, LakeTable.USERS, world.users(), details);
    // Only the bootstrap part is replaced: what extract derived from feedback stays.
    var triplets = world.triplets().cache();
    var batches = world.validationBatches().cache();
    BootstrapData.replace(lake, triplets, world.splits(), batches);
    long nTriplets = triplets.count();
    long nPositives = world.splits().count();
    long nBatches = batches.count();
    details.put(LakeTable.POSITIVES_SPLITS.path(), nPositives);
    details.put(LakeTable.TRIPLETS.path(), nTriplets);
    details.put(LakeTable.VAL_EVAL_BATCHES.path(), nBatches);
    details.put("feedback_kept", feedback.describe());
    out += nPositives + nTriplets + nBatches;
    triplets.unpersist();
    batches.unpersist();
    out += write(lake, LakeTable.POPULARITY, world.popularity(), details);
    clearGroundTruth(lake);
    long synced = CatalogSync.replacePlaylists(context.db(), lake.read(LakeTable.PLAYLISTS));
    details.put("postgres_playlists", synced);

    Row splitCounts =
        world
            .splits()
            .selectExpr(
                "count_if(split = 'train')", "count_if(split = 'val')", "count_if(split = 'test')")
            .head();
    String summary =
        String.format(
            "%s -> %s: %d users, %d items, positives train/val/test %d/%d/%d, %d user-blocks. %s",
            input,
            lake.root(),
            (Long) details.get(LakeTable.USERS.path()),
            (Long) details.get(LakeTable.PLAYLISTS.path()),
            splitCounts.getLong(0),
            splitCounts.getLong(1),
            splitCounts.getLong(2),
            nTriplets,
            in.badRows().describe());
    return JobResult.of(in.badRows().dataLines(), out, summary).withDetails(details);
  }

  private static long write(
      Lake lake, LakeTable dataset, Dataset<Row> rows, Map<String, Object> d) {
    lake.overwrite(dataset, rows);
    long n = lake.read(dataset).count();
    d.put(dataset.path(), n);
    return n;
  }

  /**
   * A generated world's ground truth describes users and playlists that an import replaced: it is
   * emptied (a new version; the old one stays readable) so the simulator cannot act on it.
   */
  private static void clearGroundTruth(Lake lake) {
    for (LakeTable truth :
        List.of(
            LakeTable.TRUTH_USER_LIBRARIES,
            LakeTable.TRUTH_USER_LIBRARIES_WEEKLY,
            LakeTable.TRUTH_PLAYLIST_SONGS,
            LakeTable.TRUTH_LIKES)) {
      if (lake.exists(truth)) {
        lake.overwrite(truth, lake.spark().createDataFrame(List.<Row>of(), truth.schema()));
      }
    }
  }

  static InteractionsFormat formatFrom(JobOptions o) {
    InteractionsFormat f = InteractionsFormat.byName(o.get("format", "csv"));
    if (o.has("delimiter")) {
      f = f.withDelimiter(InteractionsFormat.parseDelimiter(o.require("delimiter")));
    }
    if (o.has("header")) {
      f = f.withHeader(o.getBoolean("header", true));
    }
    if (o.has("user-col")) {
      f = f.withUser(ColumnRef.parse("user-col", o.require("user-col")));
    }
    if (o.has("item-col")) {
      f = f.withItem(ColumnRef.parse("item-col", o.require("item-col")));
    }
    if (o.has("weight-col")) {
      String v = o.require("weight-col");
      f =
          v.equalsIgnoreCase("none")
              ? f.withWeight(null, false)
              : f.withWeight(ColumnRef.parse("weight-col", v), true);
    }
    if (o.has("time-col")) {
      String v = o.require("time-col");
      f =
          v.equalsIgnoreCase("none")
              ? f.withTime(null, false)
              : f.withTime(ColumnRef.parse("time-col", v), true);
    }
    return f;
  }

  private static int positive(JobOptions o, String name, int fallback) {
    int v = o.getInt(name, fallback);
    if (v < 1) {
      throw new UsageException("--" + name + " must be at least 1, got " + v);
    }
    return v;
  }

  private static Date batchDate(JobOptions o, Instant now) {
    try {
      return Date.valueOf(
          o.get("batch-date")
              .map(LocalDate::parse)
              .orElse(LocalDate.ofInstant(now, ZoneOffset.UTC)));
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--batch-date must be YYYY-MM-DD, got '" + o.get("batch-date", "") + "'");
    }
  }
}
