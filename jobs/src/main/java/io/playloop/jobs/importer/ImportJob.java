package io.playloop.jobs.importer;

import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.catalog.CatalogSync;
import io.playloop.jobs.lake.BootstrapData;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.spark.JobPhase;
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
public final class ImportJob implements Job<ImportSettings> {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJob.class);

  @Override
  public String sharedTables() {
    return LakeTable.USER_BLOCK_TABLES;
  }

  @Override
  public String name() {
    return "import";
  }

  @Override
  public String description() {
    return "an external interactions file (MovieLens, Last.fm, CSV/TSV) into the lake";
  }

  @Override
  public JobCommand<ImportSettings> command() {
    return new ImportOptions();
  }

  @Override
  public JobResult run(JobContext context, ImportSettings s) {
    String input = s.input();
    InteractionsFormat format = s.format();
    BadRowLimit limit = s.badRows();
    ImportedWorld.Settings settings = s.world();
    boolean force = s.force();
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
    JobPhase.begin(spark, "import: reading " + input);
    Interactions in = new InteractionsReader(spark).read(input, format);
    try {
      LOG.info("import: read {} ({}); {}", input, in.layout().describe(), in.badRows().describe());
      in.requireWithin(limit);
      if (in.badRows().dataLines() == in.badRows().count()) {
        throw new UsageException("--input " + input + " has no usable interactions");
      }
      String titlesFile = s.titles();
      if (titlesFile == null && format.name().equals("movielens")) {
        titlesFile = ItemTitles.besideMovieLens(spark, input);
      }
      var titles = titlesFile == null ? null : ItemTitles.read(spark, titlesFile);
      JobPhase.begin(spark, "import: users, playlists, splits and negatives");
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
    JobPhase.begin(lake.spark(), "import: writing the lake");
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
    JobPhase.begin(lake.spark(), "import: playlists table");
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
}
