package io.playloop.jobs.simulate;

import static org.apache.spark.sql.functions.col;

import io.playloop.core.api.FeedbackRequest;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.spark.JobPhase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Row;

/**
 * The simulate job: plays users of the test split against the HTTP API like any client: asks for
 * five playlists, then likes one as that user would, spread over a time window.
 */
public final class SimulateJob implements Job<SimulateSettings> {
  /**
   * With {@code --reference-rank k}, a shown playlist as good as the user's k-th best in the
   * catalog counts 1 and liking nothing counts {@code --like-threshold}: a list of stale tastes is
   * then mostly turned down. Off by default (k = 0): the user likes the relatively best of the
   * five, as the demo and the scheduler expect (every user served sends feedback).
   */
  static final int REFERENCE_RANK = 0;

  static final double LIKE_THRESHOLD = 0.4;

  @Override
  public String name() {
    return "simulate";
  }

  @Override
  public String description() {
    return "play test-split users against the HTTP API: recommend, then like one of the five";
  }

  /** Simulators only post feedback through the API: several may play at once. */
  @Override
  public boolean runsExclusively() {
    return false;
  }

  @Override
  public JobCommand<SimulateSettings> command() {
    return new SimulateOptions();
  }

  @Override
  public JobResult run(JobContext context, SimulateSettings s) throws InterruptedException {
    int users = s.users();
    double window = s.windowSeconds();
    int concurrency = s.concurrency();
    long seed = s.seed();
    int referenceRank = s.referenceRank();
    ChoiceModel choice = s.choice();
    int week = s.week();
    ApiClient client = new ApiClient(s.url(), s.token(), s.maxAttempts(), 200);

    Lake lake = context.lake();
    JobPhase.begin(context.spark(), "simulate: users and their ground truth");
    List<Integer> players = pickUsers(lake, users, seed);
    UserTruth truth = truth(lake, players, choice, referenceRank, week);

    JobPhase.begin(context.spark(), "simulate: " + users + " users playing over " + window + "s");
    Stats stats = new Stats();
    Random offsets = new Random(seed);
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(Math.max(1, concurrency));
    try {
      for (int user : players) {
        long delayMillis = (long) (offsets.nextDouble() * window * 1000);
        SplittableRandom random = new SplittableRandom(seed * 31 + user);
        pool.schedule(
            () -> play(client, truth, user, random, stats), delayMillis, TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdown();
    }
    if (!pool.awaitTermination((long) window + 600, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new IllegalStateException("simulation did not finish within its window + 10 minutes");
    }
    Map<String, Object> details = stats.asMap();
    return new JobResult(players.size(), stats.likes.get(), "simulate: " + details, null, details);
  }

  private static void play(
      ApiClient client, UserTruth truth, int user, SplittableRandom random, Stats stats) {
    ApiClient.Call<ApiClient.Served> served = client.recommend(user);
    stats.record(served);
    if (!served.ok()) {
      return;
    }
    stats.served.incrementAndGet();
    int[] shown = served.value().playlists();
    int liked = truth.like(user, shown, random);
    if (liked < 0) {
      stats.noLike.incrementAndGet();
      return;
    }
    int[] others = new int[shown.length - 1];
    for (int i = 0, j = 0; i < shown.length; i++) {
      if (i != liked) {
        others[j++] = shown[i];
      }
    }
    ApiClient.Call<Boolean> sent =
        client.feedback(
            new FeedbackRequest(
                user,
                shown[liked],
                others,
                served.value().requestId(),
                served.value().modelVersion()));
    stats.record(sent);
    if (sent.ok()) {
      stats.likes.incrementAndGet();
      stats.likedPositions.add(liked);
    }
  }

  /** A seeded sample of the users who have test-split positives. */
  static List<Integer> pickUsers(Lake lake, int count, long seed) {
    List<Integer> all =
        new ArrayList<>(
            lake.read(LakeTable.POSITIVES_SPLITS)
                .where(col("split").equalTo("test"))
                .select("user_id")
                .distinct()
                .as(org.apache.spark.sql.Encoders.INT())
                .collectAsList());
    Collections.sort(all);
    Collections.shuffle(all, new Random(seed));
    return all.subList(0, Math.min(count, all.size()));
  }

  /**
   * Whether the lake holds a generated world's ground truth. An import empties it (the tables stay,
   * with a new empty version): then the held-out positives are the truth.
   */
  public static boolean hasGeneratedTruth(Lake lake) {
    return lake.exists(LakeTable.TRUTH_USER_LIBRARIES)
        && lake.exists(LakeTable.TRUTH_PLAYLIST_SONGS)
        && !lake.read(LakeTable.TRUTH_USER_LIBRARIES).isEmpty();
  }

  private static UserTruth truth(
      Lake lake, List<Integer> players, ChoiceModel choice, int referenceRank, int week) {
    if (hasGeneratedTruth(lake)) {
      Map<Integer, int[]> libraries = new HashMap<>();
      Map<Integer, Double> exploration = new HashMap<>();
      for (Row r :
          lake.read(LakeTable.TRUTH_USER_LIBRARIES)
              .where(col("user_id").isin(players.toArray()))
              .collectAsList()) {
        libraries.put(r.getInt(0), sorted(r.getList(1)));
        exploration.put(r.getInt(0), r.getDouble(2));
      }
      if (week > 0 && lake.exists(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY)) {
        List<LibrariesAsOf.Change> changes = new ArrayList<>();
        for (Row r :
            lake.read(LakeTable.TRUTH_USER_LIBRARIES_WEEKLY)
                .where(col("week").leq(week).and(col("user_id").isin(players.toArray())))
                .collectAsList()) {
          changes.add(
              new LibrariesAsOf.Change(
                  r.getInt(0), r.getInt(1), sorted(r.getList(2)), r.getDouble(3)));
        }
        LibrariesAsOf.apply(libraries, exploration, changes, week);
      }
      Map<Integer, int[]> playlistSongs = new HashMap<>();
      lake.read(LakeTable.TRUTH_PLAYLIST_SONGS)
          .toLocalIterator()
          .forEachRemaining(r -> playlistSongs.put(r.getInt(0), sorted(r.getList(1))));
      return new UserTruth.Generated(libraries, exploration, playlistSongs, choice, referenceRank);
    }
    Map<Integer, Set<Integer>> heldOut = new HashMap<>();
    for (Row r :
        lake.read(LakeTable.POSITIVES_SPLITS)
            .where(col("split").equalTo("test").and(col("user_id").isin(players.toArray())))
            .select("user_id", "playlist_id")
            .collectAsList()) {
      heldOut.computeIfAbsent(r.getInt(0), k -> new HashSet<>()).add(r.getInt(1));
    }
    return new UserTruth.HeldOut(heldOut);
  }

  private static int[] sorted(List<Integer> values) {
    int[] a = values.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a;
  }

  /** Counters and latencies of one run, safe to update from the pool's threads. */
  static final class Stats {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong likes = new AtomicLong();
    final AtomicLong noLike = new AtomicLong();
    final AtomicLong served = new AtomicLong();
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Integer> likedPositions = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

    void record(ApiClient.Call<?> call) {
      calls.incrementAndGet();
      retries.addAndGet(call.attempts() - 1);
      latencies.add(call.nanos());
      if (!call.ok()) {
        errors.incrementAndGet();
        if (errorSamples.size() < 5) {
          errorSamples.add(call.error());
        }
      }
    }

    Map<String, Object> asMap() {
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("calls", calls.get());
      m.put("likes", likes.get());
      m.put("no_like", noLike.get());
      m.put("errors", errors.get());
      m.put("retries", retries.get());
      m.put("p50_ms", percentile(sorted, 0.50));
      m.put("p95_ms", percentile(sorted, 0.95));
      m.put("p99_ms", percentile(sorted, 0.99));
      double reciprocalRanks = likedPositions.stream().mapToDouble(p -> 1.0 / (p + 1)).sum();
      m.put("served", served.get());
      m.put(
          "mean_reciprocal_rank_of_like",
          likedPositions.isEmpty() ? 0 : reciprocalRanks / likedPositions.size());
      // Over every user served: a list the user turned down counts 0, so stale lists show.
      m.put("online_score", served.get() == 0 ? 0 : reciprocalRanks / served.get());
      if (!errorSamples.isEmpty()) {
        m.put("error_samples", String.join(" | ", errorSamples));
      }
      return m;
    }

    private static double percentile(long[] sortedNanos, double q) {
      if (sortedNanos.length == 0) {
        return 0;
      }
      int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
      return Math.round(sortedNanos[Math.max(0, i)] / 1e4) / 100.0;
    }
  }
}
