package io.playloop.jobs.score;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.spark.JoinColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where score's candidates come from: the neighbours' playlists (user_pairing_model) or the whole
 * catalog. Asked for auto, it decides from the data: neighbours only recommend what neighbours own,
 * so a lake whose playlists have no owners (an imported one), or whose neighbour lists would fill
 * too little of each top-N, is scored from the catalog instead of falling back to popular.
 */
public final class CandidateSource {
  public static final String AUTO = "auto";
  public static final String NEIGHBOURS = "neighbours";
  public static final String CATALOG = "catalog";

  /**
   * Below this mean share of each user's top-N that the neighbours' candidates can fill, nearly
   * every list would be popular filler: auto scores the catalog. pair-users aims at 20 candidates
   * or more per user (40% of the default 50), topped up from popular by design; a world that fills
   * half of that or less is not one the neighbours can serve.
   */
  static final double MIN_COVERAGE = 0.2;

  /** The source used and why. */
  public record Choice(String source, String reason) {}

  private CandidateSource() {}

  /** Validates --candidates. */
  public static String requested(String value) {
    return requested("candidates", value);
  }

  /** Validates an option named {@code option} that takes a candidate source. */
  public static String requested(String option, String value) {
    if (!value.equals(AUTO) && !value.equals(NEIGHBOURS) && !value.equals(CATALOG)) {
      throw new UsageException(
          "--" + option + " must be auto, neighbours or catalog, got '" + value + "'");
    }
    return value;
  }

  /** The source for {@code requested}, deciding from the lake when it is auto. */
  public static Choice choose(Lake lake, Dataset<Row> users, String requested, int topN) {
    if (!requested.equals(AUTO)) {
      return new Choice(requested, "asked for with --candidates " + requested);
    }
    if (!lake.exists(LakeTable.PLAYLISTS)
        || lake.read(LakeTable.PLAYLISTS).where(col("owner_user_id").isNotNull()).isEmpty()) {
      return new Choice(
          CATALOG, "no playlist has an owner (an imported lake): neighbours would have none");
    }
    if (!lake.exists(LakeTable.USER_PAIRING)) {
      return new Choice(CATALOG, "no user_pairing_model in the lake (pair-users has not run)");
    }
    double coverage = coverage(ScoreJob.newestPairing(lake), users, topN);
    String share = String.format("%.0f%%", 100 * coverage);
    if (coverage < MIN_COVERAGE) {
      return new Choice(
          CATALOG,
          "neighbours' candidates would fill only "
              + share
              + " of each top-"
              + topN
              + " on average (under "
              + Math.round(100 * MIN_COVERAGE)
              + "%)");
    }
    return new Choice(
        NEIGHBOURS,
        "neighbours' candidates fill " + share + " of each top-" + topN + " on average");
  }

  /**
   * The mean over {@code users} of min(candidates, topN) / topN, a user without a pairing row
   * counting as none.
   */
  static double coverage(Dataset<Row> pairing, Dataset<Row> users, int topN) {
    Row r =
        users
            .join(pairing, JoinColumns.of("user_id"), "left")
            .select(
                least(
                        when(col("candidates").isNull(), lit(0))
                            .otherwise(size(col("candidates")))
                            .cast("double"),
                        lit((double) topN))
                    .as("filled"))
            .agg(avg(col("filled")))
            .head();
    return r.isNullAt(0) ? 0 : r.getDouble(0) / topN;
  }
}
