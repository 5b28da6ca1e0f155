package io.playloop.jobs.generate;

import io.playloop.jobs.lake.SplitRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The generator's process for each user, in one pass with a seeded per-user random stream: score
 * the user's candidate playlists, like the top share, split the likes by the lake's {@link
 * SplitRule} (cold users' likes are all test), and draw the negatives of each train positive (hard
 * and easy) and of each validation positive.
 */
final class UserOutcomes implements MapPartitionsFunction<Long, Row> {
  private static final long DAY_MICROS = 86_400_000_000L;

  private static final StructType LIKE =
      new StructType()
          .add("playlist_id", DataTypes.IntegerType, false)
          .add("score", DataTypes.DoubleType, false)
          .add("event_micros", DataTypes.LongType, false)
          .add("split", DataTypes.StringType, false);
  private static final StructType BLOCK =
      new StructType()
          .add("positive", DataTypes.IntegerType, false)
          .add("negatives", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("event_micros", DataTypes.LongType, false);
  private static final StructType BATCH =
      new StructType()
          .add("positive", DataTypes.IntegerType, false)
          .add("negatives", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  /** One row per user: what the generator decided for that user. */
  static final StructType SCHEMA =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("is_cold", DataTypes.BooleanType, false)
          .add("candidates", DataTypes.IntegerType, false)
          .add("likes", DataTypes.createArrayType(LIKE, false), false)
          .add("blocks", DataTypes.createArrayType(BLOCK, false), false)
          .add("val_batches", DataTypes.createArrayType(BATCH, false), false);

  private final Broadcast<WorldIndex> index;
  private final Broadcast<int[]> owners;
  private final GenerateSettings settings;
  private final ColdUsers cold;
  private final long batchStartMicros;

  UserOutcomes(
      Broadcast<WorldIndex> index,
      Broadcast<int[]> owners,
      GenerateSettings settings,
      ColdUsers cold,
      long batchStartMicros) {
    this.index = index;
    this.owners = owners;
    this.settings = settings;
    this.cold = cold;
    this.batchStartMicros = batchStartMicros;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> userIds) {
    Scorer scorer = new Scorer(index.value(), owners.value());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return userIds.hasNext();
      }

      @Override
      public Row next() {
        if (!userIds.hasNext()) {
          throw new NoSuchElementException();
        }
        return scorer.outcome(userIds.next().intValue());
      }
    };
  }

  /** Per-partition scratch arrays, reused across users (stamps avoid clearing them). */
  private final class Scorer {
    private final WorldIndex w;
    private final int[] owner;
    private final int[] ownedCount;
    private final int[] songStamp;
    private final int[] candidateStamp;
    private final int[] likedStamp;
    private int[] candidates = new int[1024];

    Scorer(WorldIndex w, int[] owner) {
      this.w = w;
      this.owner = owner;
      this.ownedCount = new int[w.users()];
      for (int u : owner) {
        ownedCount[u]++;
      }
      songStamp = new int[w.songs()];
      candidateStamp = new int[w.playlists()];
      likedStamp = new int[w.playlists()];
    }

    Row outcome(int u) {
      int marker = u + 1;
      SplittableRandom r = Rng.of(settings.world().seed(), Rng.CHOICES, u);
      int[] library = w.userSongs().row(u);
      for (int song : library) {
        songStamp[song] = marker;
      }
      int n = candidateSet(u, marker, r);
      double e = w.exploration()[u];
      double[] score = new double[n];
      for (int i = 0; i < n; i++) {
        int p = candidates[i];
        int m = w.sharedWithPlaylist(p, songStamp, marker);
        score[i] = WorldIndex.score(e, m, library.length, w.playlistSongs().size(p));
      }
      int likes = Math.max(1, (int) Math.round(settings.likeShare() * n));
      // Hard negatives: the top hardShare of the candidates by score, minus the likes.
      int hardEnd = Math.max((int) Math.ceil(settings.hardShare() * n), likes);
      hardEnd = Math.min(n, Math.max(hardEnd, likes + settings.hardNegatives()));
      int[] order = TopK.of(score, candidates, n, hardEnd);
      for (int i = 0; i < likes; i++) {
        likedStamp[candidates[order[i]]] = marker;
      }
      int[] hardPool = new int[hardEnd - likes];
      for (int i = likes; i < hardEnd; i++) {
        hardPool[i - likes] = candidates[order[i]];
      }

      // Each like happens at a random moment of the batch date; negatives are drawn in time order.
      long[][] liked = new long[likes][];
      for (int i = 0; i < likes; i++) {
        liked[i] = new long[] {r.nextLong(DAY_MICROS), order[i]};
      }
      Arrays.sort(
          liked, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
      boolean isCold = cold.isCold(u);
      List<Row> likeRows = new ArrayList<>(likes);
      List<Row> blocks = new ArrayList<>();
      List<Row> batches = new ArrayList<>();
      for (int k = 0; k < likes; k++) {
        int i = (int) liked[k][1];
        int p = candidates[i];
        long micros = batchStartMicros + liked[k][0];
        // The lake's ids count from 1 (see GenerateJob.external): the rule sees those.
        String split = isCold ? "test" : SplitRule.label(u + 1, p + 1);
        likeRows.add(RowFactory.create(p, score[i], micros, split));
        if (split.equals("train")) {
          blocks.add(
              RowFactory.create(
                  p, WorldTables.boxed(trainNegatives(u, marker, hardPool, r)), micros));
        } else if (split.equals("val")) {
          int[] negatives = randomNegatives(u, marker, settings.valNegatives(), new int[0], r);
          batches.add(RowFactory.create(p, WorldTables.boxed(negatives)));
        }
      }
      return RowFactory.create(
          u, isCold, n, likeRows.toArray(), blocks.toArray(), batches.toArray());
    }

    /**
     * Hard ones first (from the pool), then easy ones (anywhere); none liked or owned, distinct.
     */
    private int[] trainNegatives(int u, int marker, int[] hardPool, SplittableRandom r) {
      int hard = Math.min(settings.hardNegatives(), hardPool.length);
      int[] pool = hardPool.clone();
      int[] out = new int[hard];
      for (int i = 0; i < hard; i++) {
        int j = i + r.nextInt(pool.length - i);
        int t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
        out[i] = pool[i];
      }
      int[] easy =
          randomNegatives(
              u, marker, settings.hardNegatives() + settings.easyNegatives() - hard, out, r);
      int[] all = Arrays.copyOf(out, hard + easy.length);
      System.arraycopy(easy, 0, all, hard, easy.length);
      return all;
    }

    /** {@code count} distinct random playlists, not liked, not owned by u, not in {@code taken}. */
    private int[] randomNegatives(int u, int marker, int count, int[] taken, SplittableRandom r) {
      int[] out = new int[count];
      int n = 0;
      while (n < count) {
        int p = r.nextInt(w.playlists());
        if (likedStamp[p] == marker
            || owner[p] == u
            || contains(taken, taken.length, p)
            || contains(out, n, p)) {
          continue;
        }
        out[n++] = p;
      }
      return out;
    }

    /**
     * The candidates of user u into {@code candidates}, returns how many: the whole catalog (minus
     * owned) when it is within the budget; otherwise playlists sharing songs with the user through
     * the sampled inverted index, plus random playlists.
     */
    private int candidateSet(int u, int marker, SplittableRandom r) {
      int playlists = w.playlists();
      int available = playlists - ownedCount[u];
      int target = Math.min(settings.candidates(), available);
      int n = 0;
      if (target == available) {
        ensure(available);
        for (int p = 0; p < playlists; p++) {
          if (owner[p] != u) {
            candidateStamp[p] = marker;
            candidates[n++] = p;
          }
        }
        return n;
      }
      int random = Math.min(settings.randomCandidates(), target);
      Csr postings = w.songPlaylists();
      int[] values = postings.values();
      for (int song : w.userSongs().row(u)) {
        for (int i = postings.start(song), end = i + postings.size(song); i < end; i++) {
          int p = values[i];
          if (owner[p] != u && candidateStamp[p] != marker) {
            candidateStamp[p] = marker;
            ensure(n + 1);
            candidates[n++] = p;
          }
        }
      }
      int keep = target - random;
      if (n > keep) {
        // A uniform sample of the song-sharing playlists (partial Fisher-Yates).
        for (int i = 0; i < keep; i++) {
          int j = i + r.nextInt(n - i);
          int t = candidates[i];
          candidates[i] = candidates[j];
          candidates[j] = t;
        }
        for (int i = keep; i < n; i++) {
          candidateStamp[candidates[i]] = 0;
        }
        n = keep;
      }
      ensure(target);
      int missing = target - n;
      if (missing <= (available - n) / 2) {
        while (n < target) {
          int p = r.nextInt(playlists);
          if (owner[p] != u && candidateStamp[p] != marker) {
            candidateStamp[p] = marker;
            candidates[n++] = p;
          }
        }
      } else {
        // Dense case: list what is left and draw from it without repeats.
        int[] rest = new int[available - n];
        int k = 0;
        for (int p = 0; p < playlists; p++) {
          if (owner[p] != u && candidateStamp[p] != marker) {
            rest[k++] = p;
          }
        }
        for (int i = 0; i < missing; i++) {
          int j = i + r.nextInt(k - i);
          int t = rest[i];
          rest[i] = rest[j];
          rest[j] = t;
          candidateStamp[rest[i]] = marker;
          candidates[n++] = rest[i];
        }
      }
      return n;
    }

    private void ensure(int size) {
      if (candidates.length < size) {
        candidates = Arrays.copyOf(candidates, Math.max(size, candidates.length * 2));
      }
    }
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }
}
