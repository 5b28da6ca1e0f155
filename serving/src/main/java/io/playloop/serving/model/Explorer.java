package io.playloop.serving.model;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exploration at serve time. A request explores with probability {@code share}; for each of its
 * users, the last {@code slots} positions are refilled, one taste cluster each. With {@code
 * followNewestLike}, one of them follows the user's newest like: when that playlist's cluster is
 * not among the positions kept, the cluster's most liked pool playlist the user may be shown is
 * served first, the kept positions one lower (propensity: share). The others (the last positions)
 * come from clusters that neither the user's precomputed list, the positions kept nor the followed
 * cluster touch: drawn uniformly without replacement, and in each cluster one pool playlist
 * uniformly among those the user may be shown (not liked, owned, excluded or already served);
 * propensity share x 1/(eligible clusters) x 1/(allowed playlists of the cluster). Following the
 * newest like shows more of a taste that exploration has just found, days before the next retrain
 * learns it. Allocates nothing; randomness from the thread's own generator.
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
   * Replaces positions of {@code out[from..from+n)} by explored playlists (the last ones, and the
   * first when it follows the newest like) and writes each position's propensity into {@code
   * propensities} at the same index, 0 for the positions not explored; returns how many positions
   * were explored, 0 when no cluster is eligible.
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
    int followed;
    int followedPick;
    long eligible;
    int choices;
    while (true) {
      // Fewer eligible clusters than slots: explore fewer positions, keep more and look again.
      kept = n - m;
      long keptClusters = clusters.covered(out, from, from + kept);
      followed = -1;
      followedPick = -1;
      if (policy.followNewestLike() && likes.length > 0) {
        int c = clusters.clusterOf(likes[likes.length - 1]);
        if (c >= 0 && (keptClusters & (1L << c)) == 0) {
          followedPick =
              firstAllowed(
                  clusters.pool(c), likes, owners, ownerRow, excludeSorted, out, from, kept);
          followed = followedPick < 0 ? -1 : c;
        }
      }
      int f = followed < 0 ? 0 : 1;
      long covered = listed | keptClusters | (f == 0 ? 0 : 1L << followed);
      eligible = 0;
      for (int c = 0; c < count; c++) {
        if ((covered & (1L << c)) == 0
            && firstAllowed(
                    clusters.pool(c), likes, owners, ownerRow, excludeSorted, out, from, kept)
                >= 0) {
          eligible |= 1L << c;
        }
      }
      choices = Long.bitCount(eligible);
      if (choices >= m - f) {
        break;
      }
      m = choices + f;
      if (m == 0) {
        return 0;
      }
    }
    float share = (float) policy.share();
    java.util.Arrays.fill(propensities, from, from + n, 0f);
    int at = from + kept;
    if (followed >= 0) {
      // The newest taste leads: the followed playlist first, the kept positions one lower.
      System.arraycopy(out, from, out, from + 1, kept);
      out[from] = followedPick;
      propensities[from] = share;
      at++;
    }
    int keptFrom = followed >= 0 ? from + 1 : from;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (; at < from + n; at++) {
      long left = eligible;
      for (int skip = random.nextInt(Long.bitCount(eligible)); skip > 0; skip--) {
        left &= left - 1;
      }
      int c = Long.numberOfTrailingZeros(left);
      eligible &= ~(1L << c);
      int[] pool = clusters.pool(c);
      // Clusters are disjoint: the other explored positions never hold this cluster's playlists.
      int allowed = allowedIn(pool, likes, owners, ownerRow, excludeSorted, out, keptFrom, kept);
      int pick = random.nextInt(allowed);
      for (int p : pool) {
        if (Recommender.allowed(p, likes, owners, ownerRow, excludeSorted)
            && !Recommender.in(out, keptFrom, kept, p)
            && pick-- == 0) {
          out[at] = p;
          break;
        }
      }
      propensities[at] = share / (choices * allowed);
    }
    return m;
  }

  /** The first playlist of {@code pool} the user may be shown beside the kept positions, or -1. */
  private static int firstAllowed(
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
        return p;
      }
    }
    return -1;
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
