package io.playloop.jobs.generate;

import java.util.SplittableRandom;

/**
 * Seeded random streams, one per (purpose, entity): a user's library depends only on the seed and
 * the user id, never on partitioning or on the order in which Spark runs tasks.
 */
final class Rng {
  static final long USER = 1;
  static final long PLAYLIST = 2;
  static final long CHOICES = 3;
  static final long OWNER = 4;
  static final long COLD = 5;
  static final long NAME = 6;
  static final long FALLBACK = 7;
  static final long POSTINGS = 8;
  static final long DRIFT = 9;
  static final long DRIFT_TARGET = 10;

  private Rng() {}

  /** The stream of {@code purpose} for entity {@code id} in the world of {@code seed}. */
  static SplittableRandom of(long seed, long purpose, long id) {
    return new SplittableRandom(mix(mix(seed ^ (purpose * 0x9E3779B97F4A7C15L)) + id));
  }

  /** SplitMix64's finalizer: a well-spread 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (shape below 1 through the boost U^(1/shape)). */
  static double gamma(SplittableRandom r, double shape) {
    if (shape < 1) {
      return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  static double beta(SplittableRandom r, double a, double b) {
    double x = gamma(r, a);
    double y = gamma(r, b);
    return x / (x + y);
  }

  /** A log-normal size around {@code median} (spread 0.6 in log space), clamped to the range. */
  static int logNormalSize(SplittableRandom r, SizeRange range) {
    double v = range.median() * Math.exp(0.6 * r.nextGaussian());
    return (int) Math.max(range.min(), Math.min(range.max(), Math.round(v)));
  }

  /** An index drawn from a cumulative distribution (last entry 1.0). */
  static int pick(double[] cdf, SplittableRandom r) {
    double u = r.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The cumulative distribution of Zipf weights 1/(rank+1)^exponent over {@code n} ranks. */
  static double[] zipfCdf(int n, double exponent) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      cdf[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    cdf[n - 1] = 1.0;
    return cdf;
  }
}
