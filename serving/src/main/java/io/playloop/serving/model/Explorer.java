package io.playloop.serving.model;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exploration at serve time. A request explores with probability {@code share}; for each of its
 * users, the last {@code slots} positions are refilled, one taste cluster each, from clusters that
 * neither the user's precomputed list nor the positions kept touch: the clusters are drawn
 * uniformly without replacement, and in each cluster one pool playlist uniformly among those the
 * user may be shown (not liked, owned, excluded or already served). The propensity of a position is
 * the probability that the policy put that playlist there: share x 1/(eligible clusters) x
 * 1/(allowed playlists of the cluster). Allocates nothing; randomness from the thread's own
 * generator.
 */
public final class Explorer {
  private final ExplorationPolicy policy;

  public Explorer(ExplorationPolicy policy) {
    this.policy = policy;
  }

  /** Whether the next request explores (a coin with the policy's share). */
  public boolean explores() {
    double share = policy.share();
    return share >= 1 || (share > 0 && ThreadLocalRandom.current().nextDouble() < share);
  }

  /**
   * Replaces the last positions of {@code out[from..from+n)} by explored playlists and writes each
   * explored position's propensity into {@code propensities} at the same index; returns how many
   * positions (the last ones) were explored, 0 when no cluster is eligible.
   */
  public int explore(
      ModelSnapshot snapshot,
      int slot,
      IntListMap owners,
      int user,
      int[] likes,
      int[] excludeSorted,
      int[] out,
      int from,
      int n,
      float[] propensities) {
    ExplorationClusters clusters = snapshot.exploration();
    int count = clusters.count();
    if (count == 0 || n == 0) {
      return 0;
    }
    long listed = slot < 0 ? 0 : snapshot.listedClusters(slot);
    int ownerRow = owners.slot(user);
    int m = Math.min(policy.slots(), n);
    int kept;
    long eligible;
    int choices;
    while (true) {
      // Fewer eligible clusters than slots: explore fewer positions, keep more and look again.
      kept = n - m;
      long covered = listed | clusters.covered(out, from, from + kept);
      eligible = 0;
      for (int c = 0; c < count; c++) {
        if ((covered & (1L << c)) == 0
            && anyAllowed(
                clusters.pool(c), likes, owners, ownerRow, excludeSorted, out, from, kept)) {
          eligible |= 1L << c;
        }
      }
      choices = Long.bitCount(eligible);
      if (choices >= m) {
        break;
      }
      m = choices;
      if (m == 0) {
        return 0;
      }
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    float share = (float) policy.share();
    for (int k = 0; k < m; k++) {
      long left = eligible;
      for (int skip = random.nextInt(Long.bitCount(eligible)); skip > 0; skip--) {
        left &= left - 1;
      }
      int c = Long.numberOfTrailingZeros(left);
      eligible &= ~(1L << c);
      int[] pool = clusters.pool(c);
      // Clusters are disjoint: the other explored positions never hold this cluster's playlists.
      int allowed = allowedIn(pool, likes, owners, ownerRow, excludeSorted, out, from, kept);
      int pick = random.nextInt(allowed);
      for (int p : pool) {
        if (Recommender.allowed(p, likes, owners, ownerRow, excludeSorted)
            && !Recommender.in(out, from, kept, p)
            && pick-- == 0) {
          out[from + kept + k] = p;
          break;
        }
      }
      propensities[from + kept + k] = share / (choices * allowed);
    }
    return m;
  }

  private static boolean anyAllowed(
      int[] pool,
      int[] likes,
      IntListMap owners,
      int ownerRow,
      int[] excludeSorted,
      int[] out,
      int from,
      int kept) {
    for (int p : pool) {
      if (Recommender.allowed(p, likes, owners, ownerRow, excludeSorted)
          && !Recommender.in(out, from, kept, p)) {
        return true;
      }
    }
    return false;
  }

  /** How many of {@code pool} the user may be shown beside the {@code kept} positions. */
  private static int allowedIn(
      int[] pool,
      int[] likes,
      IntListMap owners,
      int ownerRow,
      int[] excludeSorted,
      int[] out,
      int from,
      int kept) {
    int allowed = 0;
    for (int p : pool) {
      if (Recommender.allowed(p, likes, owners, ownerRow, excludeSorted)
          && !Recommender.in(out, from, kept, p)) {
        allowed++;
      }
    }
    return allowed;
  }
}
