package io.playloop.jobs.extract;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.sql.api.java.UDF4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Tops a list of negatives up to a target size with random catalog playlists that are not excluded
 * (the user's positives, owned playlists, the negatives already there). Seeded by user and
 * positive, so a rerun samples the same negatives.
 */
public final class NegativeTopUp
    implements UDF4<
            Integer,
            Integer,
            scala.collection.Seq<Integer>,
            scala.collection.Seq<Integer>,
            List<Integer>>,
        Serializable {
  private final int[] catalog;
  private final int target;
  private final long seed;

  public NegativeTopUp(int[] catalog, int target, long seed) {
    this.catalog = catalog;
    this.target = target;
    this.seed = seed;
  }

  @Override
  public List<Integer> call(
      Integer user,
      Integer positive,
      scala.collection.Seq<Integer> current,
      scala.collection.Seq<Integer> excluded) {
    List<Integer> out = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    taken.add(positive);
    if (excluded != null) {
      taken.addAll(CollectionConverters.asJava(excluded));
    }
    if (current != null) {
      for (Integer n : CollectionConverters.asJava(current)) {
        if (taken.add(n)) {
          out.add(n);
        }
      }
    }
    SplittableRandom random = new SplittableRandom(mix(seed, user, positive));
    // Enough draws to fill the list unless nearly the whole catalog is excluded.
    int attempts = 20 * target + 100;
    while (out.size() < target && attempts-- > 0 && catalog.length > 0) {
      int candidate = catalog[random.nextInt(catalog.length)];
      if (taken.add(candidate)) {
        out.add(candidate);
      }
    }
    return out;
  }

  static long mix(long seed, int user, int positive) {
    long h = seed * 0x9E3779B97F4A7C15L + user;
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL + positive;
    return h ^ (h >>> 29);
  }
}
