package io.playloop.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TasteClustersTest {
  @Test
  void playlistsPointingTheSameWayShareAClusterWhateverTheirLength() {
    Random r = new Random(3);
    float[][] directions = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    float[][] points = new float[30][];
    for (int i = 0; i < points.length; i++) {
      float[] d = directions[i % 3];
      float scale = 0.5f + r.nextFloat(); // cosine ignores length
      points[i] = new float[3];
      for (int k = 0; k < 3; k++) {
        points[i][k] = scale * (d[k] + 0.1f * (r.nextFloat() - 0.5f));
      }
      double norm =
          Math.sqrt(
              points[i][0] * points[i][0]
                  + points[i][1] * points[i][1]
                  + points[i][2] * points[i][2]);
      for (int k = 0; k < 3; k++) {
        points[i][k] /= (float) norm;
      }
    }
    int[] assignment = TasteClusters.sphericalKMeans(points, 3, 11);
    for (int i = 3; i < points.length; i++) {
      assertThat(assignment[i]).as("point %d", i).isEqualTo(assignment[i % 3]);
    }
    assertThat(assignment[0]).isNotEqualTo(assignment[1]).isNotEqualTo(assignment[2]);
    assertThat(assignment[1]).isNotEqualTo(assignment[2]);
  }

  @Test
  void eachPoolIsTheClustersMostLikedPlaylistsAndEveryPlaylistIsInOneCluster() {
    int[] ids = {10, 20, 30, 40, 50, 60};
    long[] liked = {5, 9, 1, 7, 7, 2};
    int[] assignment = {1, 1, 1, 0, 0, 0};
    List<TasteClusters.Cluster> clusters = TasteClusters.clusters(ids, liked, assignment, 2);
    assertThat(clusters).hasSize(2);
    assertThat(clusters.get(0).members()).containsExactly(40, 50, 60);
    assertThat(clusters.get(0).pool()).containsExactly(40, 50); // a tie keeps id order
    assertThat(clusters.get(1).members()).containsExactly(10, 20, 30);
    assertThat(clusters.get(1).pool()).containsExactly(20, 10);
  }
}
