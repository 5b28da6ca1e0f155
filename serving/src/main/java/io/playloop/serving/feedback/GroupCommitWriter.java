package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.model.LikedPlaylists;
import io.playloop.serving.pg.BinaryCopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedback by group commit: requests queue their row (bounded), writer threads drain the queue and
 * commits everything waiting in one transaction, then completes each request's future on a small
 * separate pool (the completing thread writes the HTTP response, so not the writer). When
 * PostgreSQL fails, the batch's requests get 503 and new requests are refused at once until a probe
 * succeeds again.
 */
public final class GroupCommitWriter implements FeedbackStore {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final long PROBE_MILLIS = 250;

  private final DataSource dataSource;
  private final ServingMetrics metrics;
  private final LikedPlaylists liked;
  private final int maxBatch;
  private final ArrayBlockingQueue<PendingFeedback> queue;
  private final ExecutorService completions;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;
  private volatile boolean databaseDown;

  public GroupCommitWriter(
      DataSource dataSource,
      ServingMetrics metrics,
      LikedPlaylists liked,
      int capacity,
      int maxBatch,
      int writerCount) {
    this.dataSource = dataSource;
    this.metrics = metrics;
    this.liked = liked;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.completions =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "playloop-feedback-ack");
              t.setDaemon(true);
              return t;
            });
    // More than one writer: while one waits for its COMMIT, the next batch is already inserting.
    for (int i = 0; i < writerCount; i++) {
      Thread writer = new Thread(this::run, "playloop-feedback-writer-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  @Override
  public CompletableFuture<Void> store(FeedbackRequest f) {
    if (databaseDown) {
      metrics.unavailable.labelValues("/feedback", "database").inc();
      return CompletableFuture.failedFuture(FeedbackRows.databaseUnavailable());
    }
    PendingFeedback p = new PendingFeedback(f);
    if (!queue.offer(p)) {
      metrics.unavailable.labelValues("/feedback", "queue_full").inc();
      return CompletableFuture.failedFuture(
          new FeedbackUnavailable(FeedbackUnavailable.Reason.QUEUE_FULL));
    }
    return p.committed();
  }

  /** Requests waiting in the queue (not yet taken by a writer). */
  int queued() {
    return queue.size();
  }

  /** Whether the last commit attempt failed and no probe has succeeded since. */
  public boolean databaseDown() {
    return databaseDown;
  }

  private void run() {
    List<PendingFeedback> batch = new ArrayList<>(maxBatch);
    BinaryCopy rows = new BinaryCopy(1 << 16);
    while (running) {
      try {
        PendingFeedback first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1); // whatever arrived meanwhile: no waiting for more
        metrics.feedbackQueueDepth.set(queue.size());
        commit(batch, rows);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
    fail(new ArrayList<>(queue), new FeedbackUnavailable(FeedbackUnavailable.Reason.SHUTTING_DOWN));
  }

  private void commit(List<PendingFeedback> batch, BinaryCopy rows) throws InterruptedException {
    FeedbackRows.copy(batch, rows);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      rows.copyIn(c, FeedbackRows.COPY);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      metrics.feedbackFailed(batch.size());
      LOG.warn(
          "Feedback commit of {} rows failed; answering 503 until PostgreSQL is back: {}",
          batch.size(),
          oneLine(e));
      databaseDown = true;
      fail(new ArrayList<>(batch), FeedbackRows.databaseUnavailable());
      awaitDatabase();
      return;
    }
    metrics.feedbackCommitted(batch.size());
    for (PendingFeedback p : batch) {
      liked.add(p.request().userId(), p.request().likePlaylist());
    }
    acknowledge(new ArrayList<>(batch));
  }

  /** Completes the futures in two halves on the ack pool (each completion writes a response). */
  private void acknowledge(List<PendingFeedback> done) {
    int half = done.size() / 2;
    if (half > 0) {
      List<PendingFeedback> first = done.subList(0, half);
      complete(() -> first.forEach(p -> p.committed().complete(null)));
    }
    List<PendingFeedback> second = done.subList(half, done.size());
    complete(() -> second.forEach(p -> p.committed().complete(null)));
  }

  private void fail(List<PendingFeedback> failed, FeedbackUnavailable error) {
    if (!failed.isEmpty()) {
      complete(() -> failed.forEach(p -> p.committed().completeExceptionally(error)));
    }
  }

  /** Runs a completion on the ack pool, or here once the pool has been shut down. */
  private void complete(Runnable completion) {
    try {
      completions.execute(completion);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      completion.run();
    }
  }

  /** Refuses new feedback (fast 503) and fails queued rows until PostgreSQL answers again. */
  private void awaitDatabase() throws InterruptedException {
    while (running) {
      List<PendingFeedback> queued = new ArrayList<>();
      queue.drainTo(queued);
      fail(queued, FeedbackRows.databaseUnavailable());
      try (Connection c = dataSource.getConnection()) {
        if (c.isValid(1)) {
          databaseDown = false;
          LOG.info("PostgreSQL is back; accepting feedback again");
          return;
        }
      } catch (SQLException | RuntimeException e) {
        // still down
      }
      Thread.sleep(PROBE_MILLIS);
    }
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  @Override
  public void close() {
    running = false;
    for (Thread writer : writers) {
      writer.interrupt();
      try {
        writer.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    completions.shutdown();
  }
}
