package io.playloop.jobs.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * For each playlist, its ranked owner candidates: users found through the sampled song -> users
 * index plus a few random users, ranked by the owner score, score / sqrt(library size).
 */
final class OwnerBids implements MapPartitionsFunction<Long, Row> {
  static final StructType SCHEMA =
      new StructType()
          .add("playlist_id", DataTypes.IntegerType, false)
          .add("user_id", DataTypes.IntegerType, false)
          .add("owner_score", DataTypes.DoubleType, false)
          .add("choice", DataTypes.IntegerType, false);

  private final Broadcast<WorldIndex> index;
  private final GenerateSettings settings;
  private final Broadcast<boolean[]> full;

  /** {@code full}: users that may not take another playlist (null: nobody yet). */
  OwnerBids(Broadcast<WorldIndex> index, GenerateSettings settings, Broadcast<boolean[]> full) {
    this.index = index;
    this.settings = settings;
    this.full = full;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> playlistIds) {
    WorldIndex w = index.value();
    boolean[] isFull = full == null ? new boolean[w.users()] : full.value();
    int[] songStamp = new int[w.songs()];
    int[] userStamp = new int[w.users()];
    Csr postings = w.songUsers();
    int[] postingValues = postings.values();
    List<Row> out = new ArrayList<>();
    int[] candidates = new int[64];
    while (playlistIds.hasNext()) {
      int p = playlistIds.next().intValue();
      int marker = p + 1;
      int[] songs = w.playlistSongs().row(p);
      for (int song : songs) {
        songStamp[song] = marker;
      }
      int n = 0;
      for (int song : songs) {
        for (int i = postings.start(song), end = i + postings.size(song); i < end; i++) {
          int u = postingValues[i];
          if (userStamp[u] != marker && !isFull[u]) {
            userStamp[u] = marker;
            candidates = grow(candidates, n);
            candidates[n++] = u;
          }
        }
      }
      SplittableRandom r = Rng.of(settings.world().seed(), Rng.OWNER, p);
      int randomWanted = Math.min(settings.ownerRandom(), w.users() - n);
      for (int tries = 0; randomWanted > 0 && tries < 20 * settings.ownerRandom(); tries++) {
        int u = r.nextInt(w.users());
        if (userStamp[u] != marker && !isFull[u]) {
          userStamp[u] = marker;
          candidates = grow(candidates, n);
          candidates[n++] = u;
          randomWanted--;
        }
      }
      double[] ownerScore = new double[n];
      for (int i = 0; i < n; i++) {
        int u = candidates[i];
        int s = w.userSongs().size(u);
        int m = w.sharedWithLibrary(u, songStamp, marker);
        ownerScore[i] = WorldIndex.score(w.exploration()[u], m, s, songs.length) / Math.sqrt(s);
      }
      int[] best = TopK.of(ownerScore, candidates, n, settings.ownerChoices());
      for (int rank = 0; rank < best.length; rank++) {
        int i = best[rank];
        out.add(RowFactory.create(p, candidates[i], ownerScore[i], rank));
      }
    }
    return out.iterator();
  }

  private static int[] grow(int[] a, int n) {
    return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
  }
}
