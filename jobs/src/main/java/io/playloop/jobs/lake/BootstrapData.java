package io.playloop.jobs.lake;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The bootstrap part of the training tables (user-blocks, positives, validation batches) that
 * generate and import write, beside the part extract derived from feedback. A new bootstrap
 * replaces only its own part: what users told the loop stays.
 */
public final class BootstrapData {
  /** The source of data written by generate and import. */
  public static final String BOOTSTRAP = "bootstrap";

  /** The source of data extract derived from feedback. */
  public static final String FEEDBACK = "feedback";

  private BootstrapData() {}

  /** How much feedback-derived data a lake holds. */
  public record FeedbackData(long userBlocks, long positives, long validationBatches) {
    public boolean isEmpty() {
      return userBlocks == 0 && positives == 0;
    }

    public String describe() {
      return userBlocks
          + " feedback user-blocks, "
          + positives
          + " feedback positives, "
          + validationBatches
          + " feedback validation batches";
    }
  }

  /** The feedback-derived rows of the lake's training tables (none in a lake without them). */
  public static FeedbackData feedbackIn(Lake lake) {
    long blocks =
        lake.exists(LakeTable.TRIPLETS)
            ? lake.read(LakeTable.TRIPLETS).where(col("source").equalTo(FEEDBACK)).count()
            : 0;
    Dataset<Row> positives = feedbackPositives(lake);
    long nPositives = positives == null ? 0 : positives.count();
    long batches = 0;
    if (positives != null && nPositives > 0 && lake.exists(LakeTable.VAL_EVAL_BATCHES)) {
      batches = feedbackBatches(lake, positives).count();
    }
    return new FeedbackData(blocks, nPositives, batches);
  }

  /**
   * Writes a bootstrap: its user-blocks, positives and validation batches replace the bootstrap
   * rows of those tables; feedback rows stay. Each table changes in one commit.
   */
  public static void replace(
      Lake lake, Dataset<Row> userBlocks, Dataset<Row> positives, Dataset<Row> validationBatches) {
    if (lake.exists(LakeTable.TRIPLETS)) {
      lake.replaceWhere(LakeTable.TRIPLETS, userBlocks, bootstrapOnly());
    } else {
      lake.overwrite(LakeTable.TRIPLETS, userBlocks);
    }
    // The replaces below leave feedback rows as they are, so these reads hold throughout.
    Dataset<Row> feedbackPositives = feedbackPositives(lake);
    boolean keep = feedbackPositives != null && !feedbackPositives.isEmpty();
    if (keep) {
      Dataset<Row> keptBatches =
          lake.exists(LakeTable.VAL_EVAL_BATCHES) ? feedbackBatches(lake, feedbackPositives) : null;
      lake.replaceWhere(LakeTable.POSITIVES_SPLITS, positives, bootstrapOnly());
      lake.overwrite(
          LakeTable.VAL_EVAL_BATCHES,
          keptBatches == null
              ? validationBatches
              : validationBatches
                  .select("user_id", "playlist_id_positive", "candidate_negatives")
                  .unionByName(keptBatches));
    } else {
      lake.overwrite(LakeTable.POSITIVES_SPLITS, positives);
      lake.overwrite(LakeTable.VAL_EVAL_BATCHES, validationBatches);
    }
  }

  private static String bootstrapOnly() {
    return "source = '" + BOOTSTRAP + "'";
  }

  /**
   * The feedback positives, or null when the table is missing or predates the source column (its
   * rows then count as bootstrap).
   */
  private static Dataset<Row> feedbackPositives(Lake lake) {
    if (!lake.exists(LakeTable.POSITIVES_SPLITS)) {
      return null;
    }
    Dataset<Row> all = lake.read(LakeTable.POSITIVES_SPLITS);
    if (!Arrays.asList(all.columns()).contains("source")) {
      return null;
    }
    return all.where(col("source").equalTo(FEEDBACK));
  }

  /** Validation batches of feedback positives: one per validation positive extract wrote. */
  private static Dataset<Row> feedbackBatches(Lake lake, Dataset<Row> feedbackPositives) {
    Dataset<Row> valPositives =
        feedbackPositives
            .where(col("split").equalTo(SplitRule.Split.VAL.label()))
            .select(col("user_id"), col("playlist_id").as("playlist_id_positive"))
            .distinct();
    return lake.read(LakeTable.VAL_EVAL_BATCHES)
        .join(valPositives, new String[] {"user_id", "playlist_id_positive"}, "left_semi")
        .select("user_id", "playlist_id_positive", "candidate_negatives");
  }
}
