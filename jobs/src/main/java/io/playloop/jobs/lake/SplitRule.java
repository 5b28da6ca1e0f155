package io.playloop.jobs.lake;

import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The one rule that puts a positive in train, validation or test, for generate, import and extract
 * alike: a seeded hash of (user_id, playlist_id) mapped to [0, 1), cut at 0.7 and 0.9.
 *
 * <p>The rule looks at nothing but the pair, so it is fair at any volume: a user who likes one
 * playlist per extraction still sends about one positive in five to validation over time, where a
 * per-batch rank would put a lone like in train every time. A rerun decides the same, and one
 * (user, playlist) can never land in two splits. The price: within one batch, a split no longer
 * follows time order (a validation positive may be older than a train one).
 */
public final class SplitRule {
  /** The share of positives that train; the next {@link #VALIDATION_SHARE} validate. */
  public static final double TRAIN_SHARE = 0.7;

  public static final double VALIDATION_SHARE = 0.2;

  /** A fixed seed: the rule must not change between jobs, runs or lakes. */
  private static final long SEED = 0x5EED_5911_7000_0001L;

  private static final UserDefinedFunction UDF =
      udf((UDF2<Integer, Integer, String>) SplitRule::label, DataTypes.StringType)
          .asNonNullable()
          .withName("playloop_split");

  private SplitRule() {}

  /** The three splits, with the labels the lake stores in positives_splits.split. */
  public enum Split {
    TRAIN("train"),
    VAL("val"),
    TEST("test");

    private final String label;

    Split(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The split of a positive. */
  public static Split of(int userId, int playlistId) {
    double f = fraction(userId, playlistId);
    if (f < TRAIN_SHARE) {
      return Split.TRAIN;
    }
    return f < TRAIN_SHARE + VALIDATION_SHARE ? Split.VAL : Split.TEST;
  }

  /** The split's label ("train", "val" or "test") of a positive. */
  public static String label(int userId, int playlistId) {
    return of(userId, playlistId).label();
  }

  /** The same rule as a Spark column of labels, over a user id and a playlist id column. */
  public static Column column(Column userId, Column playlistId) {
    return UDF.apply(userId, playlistId);
  }

  /**
   * Where the pair falls in [0, 1): SplitMix64's finalizer over the pair packed into one long (a
   * bijection, so distinct pairs never share an input), its top 53 bits as a double.
   */
  static double fraction(int userId, int playlistId) {
    long z = SEED + (((long) userId << 32) | (playlistId & 0xFFFF_FFFFL));
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
