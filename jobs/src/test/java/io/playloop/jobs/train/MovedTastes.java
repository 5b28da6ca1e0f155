package io.playloop.jobs.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The taste clusters of the hand-built worlds where some users' taste moved: playlists 1.. in
 * clusters of {@link #CLUSTER_SIZE}; user u's old cluster is u mod {@link #CLUSTERS}, and odd users
 * moved to the next cluster while even users kept theirs.
 */
public final class MovedTastes {
  public static final int CLUSTERS = 4;
  public static final int CLUSTER_SIZE = 20;

  private MovedTastes() {}

  public static int cluster(int playlist) {
    return (playlist - 1) / CLUSTER_SIZE;
  }

  public static int oldCluster(int user) {
    return user % CLUSTERS;
  }

  public static int newCluster(int user) {
    return user % 2 == 1 ? (user + 1) % CLUSTERS : user % CLUSTERS;
  }

  /** The playlists of {@code cluster} in a random order. */
  public static List<Integer> shuffled(int cluster, Random r) {
    List<Integer> ids = new ArrayList<>();
    for (int p = cluster * CLUSTER_SIZE + 1; p <= (cluster + 1) * CLUSTER_SIZE; p++) {
      ids.add(p);
    }
    Collections.shuffle(ids, r);
    return ids;
  }
}
