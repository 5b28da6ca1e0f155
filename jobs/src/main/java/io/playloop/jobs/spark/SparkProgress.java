package io.playloop.jobs.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Logs one progress line at a fixed interval while a Playloop job runs Spark work: the job, its
 * elapsed time, the phase (the Spark job description, see {@link JobPhase}), the active stage and
 * its tasks done of total, read from Spark's status tracker. Silent while no Spark job is active.
 */
public final class SparkProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SparkProgress.class);

  /** Environment variable: seconds between progress lines (default 30; 0 turns them off). */
  public static final String INTERVAL_ENV = "PLAYLOOP_PROGRESS_SECONDS";

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  private static final String DESCRIPTION = "spark.job.description";
  // Jobs run other jobs (demo, pipeline): only the innermost one reports.
  private static final AtomicReference<SparkProgress> INNERMOST = new AtomicReference<>();

  private final String jobName;
  private final Duration interval;
  private final Supplier<Optional<SparkContext>> contexts;
  private final Consumer<String> sink;
  private final long startedNanos = System.nanoTime();
  private final SparkProgress outer;
  private final ScheduledExecutorService timer;
  // Jobs this progress has seen start, with their description ("" for none). The listener and
  // Spark's status tracker hear of a job's start and end on different queues, so an entry stays
  // until the tracker no longer lists the job, and a job is only described once its start is seen.
  private final Map<Integer, String> descriptions = new ConcurrentHashMap<>();
  private final Set<Integer> ended = ConcurrentHashMap.newKeySet();
  // Jobs already running when watching began: their start will never be heard.
  private final Set<Integer> runningBeforeWatch = ConcurrentHashMap.newKeySet();
  private final DescriptionListener listener = new DescriptionListener();
  private volatile SparkContext watched;
  private long lastLineNanos = System.nanoTime();

  private SparkProgress(
      String jobName,
      Duration interval,
      Supplier<Optional<SparkContext>> contexts,
      Consumer<String> sink) {
    this.jobName = jobName;
    this.interval = interval;
    this.contexts = contexts;
    this.sink = sink;
    this.outer = INNERMOST.getAndSet(this);
    if (interval.isZero() || interval.isNegative()) {
      this.timer = null;
      return;
    }
    // A session that exists already is watched before the job's first Spark job starts.
    contexts.get().filter(c -> !c.isStopped()).ifPresent(this::watch);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "playloop-progress-" + jobName);
              t.setDaemon(true);
              return t;
            });
    // Look for the session often (to see job descriptions from the start), speak at the interval.
    long pollMillis = Math.max(10, Math.min(1000, interval.toMillis()));
    timer.scheduleAtFixedRate(this::tick, 0, pollMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Progress lines for {@code jobName} into the log, for whatever session the job creates, every
   * {@value #INTERVAL_ENV} seconds (30 unless set).
   */
  public static SparkProgress start(String jobName) {
    return start(jobName, intervalFromEnvironment(), SparkProgress::defaultContext, LOG::info);
  }

  /**
   * Progress lines at {@code interval} into {@code sink}, for the context {@code contexts} finds.
   */
  public static SparkProgress start(
      String jobName,
      Duration interval,
      Supplier<Optional<SparkContext>> contexts,
      Consumer<String> sink) {
    return new SparkProgress(jobName, interval, contexts, sink);
  }

  static Duration intervalFromEnvironment() {
    String seconds = System.getenv(INTERVAL_ENV);
    if (seconds == null || seconds.isBlank()) {
      return DEFAULT_INTERVAL;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(seconds.trim()));
    } catch (NumberFormatException e) {
      LOG.warn("{}={} is not a number of seconds; using {}s", INTERVAL_ENV, seconds, 30);
      return DEFAULT_INTERVAL;
    }
  }

  private static Optional<SparkContext> defaultContext() {
    return Optional.ofNullable(orNull(SparkSession.getDefaultSession()))
        .map(SparkSession::sparkContext);
  }

  private static <T> T orNull(Option<T> option) {
    return option.isDefined() ? option.get() : null;
  }

  private void tick() {
    try {
      Optional<SparkContext> context = contexts.get().filter(c -> !c.isStopped());
      if (context.isEmpty()) {
        return;
      }
      watch(context.get());
      long now = System.nanoTime();
      if (now - lastLineNanos < interval.toNanos() || INNERMOST.get() != this) {
        return;
      }
      String line = line(context.get().statusTracker(), now);
      if (line != null) {
        lastLineNanos = now;
        sink.accept(line);
      }
    } catch (RuntimeException e) {
      // A progress line is never worth failing or stopping the job for.
      LOG.debug("progress line failed", e);
    }
  }

  private void watch(SparkContext context) {
    if (watched != context) {
      watched = context;
      context.addSparkListener(listener);
      runningBeforeWatch.clear();
      for (int jobId : context.statusTracker().getActiveJobIds()) {
        runningBeforeWatch.add(jobId);
      }
    }
  }

  /** The progress line for now, or null while no Spark job runs. */
  String line(SparkStatusTracker tracker, long nowNanos) {
    int[] jobIds = tracker.getActiveJobIds();
    Arrays.sort(jobIds);
    Set<Integer> active = new HashSet<>();
    for (int jobId : jobIds) {
      active.add(jobId);
    }
    for (Integer jobId : List.copyOf(ended)) {
      if (!active.contains(jobId)) {
        ended.remove(jobId);
        descriptions.remove(jobId);
      }
    }
    runningBeforeWatch.retainAll(active);
    List<String> parts = new ArrayList<>();
    for (int jobId : jobIds) {
      if (descriptions.containsKey(jobId) || runningBeforeWatch.contains(jobId)) {
        parts.add(describeJob(tracker, jobId));
      }
    }
    if (parts.isEmpty()) {
      return null; // no job, or the listener has not heard of it yet: a later poll describes it
    }
    return jobName + " " + elapsed(nowNanos - startedNanos) + ": " + String.join("; ", parts);
  }

  private String describeJob(SparkStatusTracker tracker, int jobId) {
    String phase = descriptions.get(jobId);
    StringBuilder b =
        new StringBuilder(phase == null || phase.isEmpty() ? "Spark job " + jobId : phase);
    SparkJobInfo job = orNull(tracker.getJobInfo(jobId));
    if (job == null) {
      return b.toString();
    }
    int[] stageIds = job.stageIds();
    int done = 0;
    List<SparkStageInfo> active = new ArrayList<>();
    for (int stageId : stageIds) {
      SparkStageInfo stage = orNull(tracker.getStageInfo(stageId));
      if (stage == null) {
        continue;
      }
      if (stage.numTasks() > 0 && stage.numCompletedTasks() >= stage.numTasks()) {
        done++;
      } else if (stage.numActiveTasks() > 0 || stage.numCompletedTasks() > 0) {
        active.add(stage);
      }
    }
    b.append(" | stages ").append(done).append('/').append(stageIds.length).append(" done");
    for (SparkStageInfo stage : active) {
      b.append(" | stage ").append(stage.stageId());
      // Spark 4 names Dataset actions' stages after an internal closure: say nothing then.
      if (!stage.name().startsWith("$anonfun$")) {
        b.append(" (").append(stage.name()).append(')');
      }
      b.append(": ")
          .append(stage.numCompletedTasks())
          .append('/')
          .append(stage.numTasks())
          .append(" tasks, ")
          .append(stage.numActiveTasks())
          .append(" running");
      if (stage.numFailedTasks() > 0) {
        b.append(", ").append(stage.numFailedTasks()).append(" failed");
      }
    }
    return b.toString();
  }

  /** The listener that hears job starts and ends, for tests that order its events. */
  SparkListener listener() {
    return listener;
  }

  static String elapsed(long nanos) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format("%dh%02dm%02ds", seconds / 3600, seconds % 3600 / 60, seconds % 60);
  }

  /** Stops the lines; the enclosing job's progress (if any) speaks again. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    INNERMOST.compareAndSet(this, outer);
    SparkContext context = watched;
    if (context != null && !context.isStopped()) {
      context.removeSparkListener(listener);
    }
  }

  /** Remembers each running Spark job's description (a thread-local of the job's thread). */
  private final class DescriptionListener extends SparkListener {
    @Override
    public void onJobStart(SparkListenerJobStart start) {
      Properties properties = start.properties();
      String description = properties == null ? null : properties.getProperty(DESCRIPTION);
      descriptions.put(start.jobId(), description == null ? "" : description.strip());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
      ended.add(end.jobId());
    }
  }
}
