package io.playloop.jobs.generate;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which users are cold (held out): exactly round(share · users) of them, picked by a seeded
 * permutation u -> (a·u + b) mod users, so any executor can tell without a shared list.
 */
record ColdUsers(long users, long multiplier, long offset, long count) implements Serializable {

  static ColdUsers of(int users, double share, long seed) {
    SplittableRandom r = Rng.of(seed, Rng.COLD, 0);
    long a = 1 + r.nextLong(Math.max(1, users - 1));
    while (gcd(a, users) != 1) {
      a = a % users + 1;
    }
    long b = r.nextLong(Math.max(1, users));
    return new ColdUsers(users, a, b, Math.round(share * users));
  }

  boolean isCold(int user) {
    return Math.floorMod(multiplier * user + offset, users) < count;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
