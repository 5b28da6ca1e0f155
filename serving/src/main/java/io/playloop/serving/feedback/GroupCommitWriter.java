package io.playloop.serving.feedback;

import io.playloop.core.api.FeedbackRequest;
import io.playloop.serving.http.ApiException;
import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.model.LikedPlaylists;
import io.playloop.serving.pg.BinaryCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedback by group commit: requests queue their row (bounded), writer threads drain the queue and
 * commit everything waiting in one transaction, then complete each request's future on a small
 * separate pool (the completing thread writes the HTTP response, so not the writer).
 *
 * <p>Each writer keeps one connection of its own pool (readers cannot starve it). A batch is one
 * binary COPY into {@code feedback}, whose unique index on the idempotency key refuses a key stored
 * before; then (rarely: only retries) the batch goes through a staging table and {@code INSERT ...
 * ON CONFLICT DO NOTHING}, so a retried request is answered 200 without a second row. Failures are
 * told apart by SQLSTATE: a lost or overloaded database fails the batch with 503 and refuses new
 * requests at once until a probe succeeds (backing off); a row the database refuses fails only its
 * request (422), the rest of the batch is committed without it; a serialization failure or deadlock
 * is retried.
 */
public final class GroupCommitWriter implements FeedbackStore {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final long FIRST_PROBE_MILLIS = 100;
  private static final long MAX_PROBE_MILLIS = 2000;
  private static final int ATTEMPTS = 3;

  /** unique_violation: a row with the same idempotency key is already stored. */
  private static final String KEY_TAKEN = "23505";

  /** How a batch goes into {@code feedback}. */
  private enum Way {
    /** One COPY: the common case, no key stored yet. */
    DIRECT,
    /** Through the staging table, skipping the keys already stored. */
    STAGED,
    /** Through the staging table a part at a time, to find the rows the database refuses. */
    EACH_GOOD
  }

  /** Longest close() waits for the queue to drain before it refuses what is left. */
  private static final long DRAIN_MILLIS = 15_000;

  private final DataSource dataSource;
  private final ServingMetrics metrics;
  private final FeedbackCounters counters;
  private final LikedPlaylists liked;
  private final int maxBatch;
  private final ArrayBlockingQueue<PendingFeedback> queue;
  private final ExecutorService completions;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean accepting = true;
  private volatile boolean writersDone;
  private volatile boolean databaseDown;

  /**
   * Starts {@code writerCount} writers over {@code dataSource}, which should be theirs alone (one
   * connection each, one more for probing).
   */
  public GroupCommitWriter(
      DataSource dataSource,
      ServingMetrics metrics,
      LikedPlaylists liked,
      int capacity,
      int maxBatch,
      int writerCount) {
    this.dataSource = dataSource;
    this.metrics = metrics;
    this.counters = new FeedbackCounters(metrics.registry());
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
      Thread writer = new Thread(new Writer(), "playloop-feedback-writer-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  @Override
  public CompletableFuture<Void> store(FeedbackRequest f, UUID idempotencyKey) {
    if (!accepting) {
      return shuttingDown();
    }
    if (databaseDown) {
      metrics.unavailable.labelValues("/feedback", "database").inc();
      return CompletableFuture.failedFuture(FeedbackRows.databaseUnavailable());
    }
    PendingFeedback p = new PendingFeedback(f, idempotencyKey);
    if (!queue.offer(p)) {
      metrics.unavailable.labelValues("/feedback", "queue_full").inc();
      return CompletableFuture.failedFuture(
          new FeedbackUnavailable(FeedbackUnavailable.Reason.QUEUE_FULL));
    }
    // Queued just as close() let the writers go: whoever removes it from the queue answers it.
    if (writersDone && queue.remove(p)) {
      return shuttingDown();
    }
    return p.committed();
  }

  private CompletableFuture<Void> shuttingDown() {
    metrics.unavailable.labelValues("/feedback", "shutting_down").inc();
    return CompletableFuture.failedFuture(
        new FeedbackUnavailable(FeedbackUnavailable.Reason.SHUTTING_DOWN));
  }

  /** Requests waiting in the queue (not yet taken by a writer). */
  int queued() {
    return queue.size();
  }

  /** Whether the last commit attempt lost the database and no probe has succeeded since. */
  public boolean databaseDown() {
    return databaseDown;
  }

  /** One writer thread: its connection (with its staging table), its batch and its COPY buffer. */
  private final class Writer implements Runnable {
    private final List<PendingFeedback> batch = new ArrayList<>(maxBatch);
    private final BinaryCopy rows = new BinaryCopy(1 << 16);
    private Connection connection;
    private boolean staging; // whether the connection has its staging table

    @Override
    public void run() {
      try {
        while (true) {
          PendingFeedback first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            if (!accepting) {
              break; // closing, and nothing is left to commit
            }
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, maxBatch - 1); // whatever arrived meanwhile: no waiting for more
          metrics.feedbackQueueDepth.set(queue.size());
          try {
            commit();
          } finally {
            batch.clear();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        discardConnection();
      }
    }

    /**
     * Commits the batch: all of it, or all but the rows the database refuses. First the cheap way,
     * one COPY straight into {@code feedback}; if a key is already stored (a retry) the batch goes
     * through the staging table and skips those keys; if a row is refused, the batch is inserted a
     * part at a time to find it.
     */
    private void commit() throws InterruptedException {
      Way way = Way.DIRECT;
      for (int retries = 0; ; ) {
        ApiException[] refused = new ApiException[batch.size()];
        try {
          Connection c = connection();
          if (way != Way.DIRECT && !staging) {
            FeedbackRows.prepareStaging(c); // in a transaction of its own, before the batch's
            staging = true;
          }
          int stored =
              switch (way) {
                case DIRECT -> copyDirect(c);
                case STAGED -> insertStaged(c, 0, batch.size());
                case EACH_GOOD -> insertEachGood(c, 0, batch.size(), refused);
              };
          c.commit();
          done(refused, stored);
          return;
        } catch (SQLException e) {
          rollbackQuietly();
          SqlFailure failure = SqlFailure.of(e);
          if (failure == SqlFailure.BAD_ROW && way != Way.EACH_GOOD) {
            way =
                way == Way.DIRECT && KEY_TAKEN.equals(e.getSQLState()) ? Way.STAGED : Way.EACH_GOOD;
            continue;
          }
          if (failure == SqlFailure.RETRY && ++retries < ATTEMPTS) {
            continue;
          }
          failBatch(e, failure);
          return;
        } catch (RuntimeException e) {
          rollbackQuietly();
          failBatch(e, SqlFailure.OTHER);
          return;
        }
      }
    }

    /** The whole batch in one COPY into {@code feedback}; fails if a key is already stored. */
    private int copyDirect(Connection c) throws SQLException {
      FeedbackRows.copy(batch, 0, batch.size(), false, rows);
      rows.copyIn(c, FeedbackRows.COPY);
      return batch.size();
    }

    /**
     * Copies rows {@code [from, to)} of the batch into the staging table and inserts those whose
     * key is not stored yet; returns how many were.
     */
    private int insertStaged(Connection c, int from, int to) throws SQLException {
      FeedbackRows.copy(batch, from, to, true, rows);
      rows.copyIn(c, FeedbackRows.COPY_STAGED);
      try (PreparedStatement ps = c.prepareStatement(FeedbackRows.INSERT_STAGED)) {
        ps.setInt(1, from);
        ps.setInt(2, to);
        return ps.executeUpdate();
      }
    }

    /**
     * Inserts rows {@code [from, to)} under a savepoint; when the database refuses one of them,
     * rolls back to it and halves the range, down to the single rows at fault, which are marked in
     * {@code refused}. Rows stored.
     */
    private int insertEachGood(Connection c, int from, int to, ApiException[] refused)
        throws SQLException {
      Savepoint savepoint = c.setSavepoint();
      try {
        int stored = insertStaged(c, from, to);
        c.releaseSavepoint(savepoint);
        return stored;
      } catch (SQLException e) {
        if (SqlFailure.of(e) != SqlFailure.BAD_ROW) {
          throw e;
        }
        c.rollback(savepoint);
        if (to - from == 1) {
          refused[from] = FeedbackRows.rejected(e);
          return 0;
        }
        int mid = (from + to) >>> 1;
        return insertEachGood(c, from, mid, refused) + insertEachGood(c, mid, to, refused);
      }
    }

    /** After the COMMIT: answers 200 (or 422 for a refused row) and records the new likes. */
    private void done(ApiException[] refused, int stored) {
      List<PendingFeedback> acknowledged = new ArrayList<>(batch.size());
      List<PendingFeedback> rejected = new ArrayList<>();
      List<ApiException> reasons = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        PendingFeedback p = batch.get(i);
        if (refused[i] == null) {
          acknowledged.add(p);
          liked.add(p.request().userId(), p.request().likePlaylist());
        } else {
          rejected.add(p);
          reasons.add(refused[i]);
        }
      }
      metrics.feedbackCommitted(acknowledged.size());
      counters.duplicates.inc(acknowledged.size() - stored);
      if (!rejected.isEmpty()) {
        counters.rejected.inc(rejected.size());
        LOG.warn(
            "{} feedback row(s) refused by PostgreSQL (answered 422), {} stored: {}",
            rejected.size(),
            stored,
            reasons.get(0).getMessage());
        complete(
            () -> {
              for (int i = 0; i < rejected.size(); i++) {
                rejected.get(i).committed().completeExceptionally(reasons.get(i));
              }
            });
      }
      acknowledge(acknowledged);
    }

    private void failBatch(Exception e, SqlFailure failure) throws InterruptedException {
      metrics.feedbackFailed(batch.size());
      List<PendingFeedback> failed = new ArrayList<>(batch);
      if (failure == SqlFailure.CONNECTION) {
        LOG.warn(
            "Feedback commit of {} rows failed; answering 503 until PostgreSQL is back: {}",
            failed.size(),
            SqlFailure.firstLine(e));
        discardConnection();
        databaseDown = true;
        fail(failed, FeedbackRows.databaseUnavailable());
        awaitDatabase();
      } else {
        LOG.error("Feedback commit of {} rows failed (answered 503)", failed.size(), e);
        fail(failed, FeedbackRows.databaseUnavailable());
      }
    }

    private Connection connection() throws SQLException {
      if (connection == null) {
        Connection c = dataSource.getConnection();
        try {
          c.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
          c.close();
          throw e;
        }
        connection = c;
        staging = false;
      }
      return connection;
    }

    private void rollbackQuietly() {
      if (connection != null) {
        try {
          connection.rollback();
        } catch (SQLException | RuntimeException e) {
          discardConnection();
        }
      }
    }

    private void discardConnection() {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException | RuntimeException e) {
          // already broken
        }
        connection = null;
      }
    }
  }

  /** Completes the futures in two halves on the ack pool (each completion writes a response). */
  private void acknowledge(List<PendingFeedback> done) {
    int half = done.size() / 2;
    if (half > 0) {
      List<PendingFeedback> first = done.subList(0, half);
      complete(() -> first.forEach(p -> p.committed().complete(null)));
    }
    List<PendingFeedback> second = done.subList(half, done.size());
    if (!second.isEmpty()) {
      complete(() -> second.forEach(p -> p.committed().complete(null)));
    }
  }

  private void fail(List<PendingFeedback> failed, RuntimeException error) {
    if (!failed.isEmpty()) {
      complete(() -> failed.forEach(p -> p.committed().completeExceptionally(error)));
    }
  }

  /** Runs a completion on the ack pool, or here once the pool has been shut down. */
  private void complete(Runnable completion) {
    try {
      completions.execute(completion);
    } catch (RejectedExecutionException e) {
      completion.run();
    }
  }

  /**
   * Refuses new feedback (fast 503) and fails queued rows until PostgreSQL answers again, probing
   * less and less often (up to every 2 s) while it stays away.
   */
  private void awaitDatabase() throws InterruptedException {
    long wait = FIRST_PROBE_MILLIS;
    while (true) {
      List<PendingFeedback> queued = new ArrayList<>();
      queue.drainTo(queued);
      fail(queued, FeedbackRows.databaseUnavailable());
      if (!accepting) {
        return;
      }
      try (Connection c = dataSource.getConnection()) {
        if (c.isValid(1)) {
          databaseDown = false;
          LOG.info("PostgreSQL is back; accepting feedback again");
          return;
        }
      } catch (SQLException | RuntimeException e) {
        // still down
      }
      Thread.sleep(wait);
      wait = Math.min(MAX_PROBE_MILLIS, wait * 2);
    }
  }

  /**
   * Stops taking feedback (new requests get 503 "shutting down"), lets the writers commit and
   * answer everything already queued (for up to 15 s), then refuses what is left.
   */
  @Override
  public void close() {
    accepting = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
    for (Thread writer : writers) {
      try {
        writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread writer : writers) {
      if (writer.isAlive()) {
        LOG.warn("Feedback writer {} did not finish in time; stopping it", writer.getName());
        writer.interrupt();
      }
    }
    writersDone = true;
    List<PendingFeedback> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, new FeedbackUnavailable(FeedbackUnavailable.Reason.SHUTTING_DOWN));
    completions.shutdown();
    try {
      // The answers of the last batches are being written: let them reach their clients.
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
