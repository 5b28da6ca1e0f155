package io.playloop.serving.impressions;

import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.pg.BinaryCopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what {@code /recommend} served into {@code impressions}, off the request path: a queue of
 * pre-encoded requests, bounded in bytes, that never blocks (a full queue drops and counts),
 * drained by one writer that COPYs what waits in binary, many requests per row (far cheaper for
 * PostgreSQL than INSERTs, or than a row per user).
 */
public final class ImpressionLogger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImpressionLogger.class);
  private static final int MAX_USERS_PER_COPY = 50_000;

  /**
   * Unless it is behind, the writer waits this long between COPYs so that each carries many
   * requests: a COPY per few requests spent PostgreSQL's CPU on commits, not rows.
   */
  private static final long LINGER_MILLIS = 50;

  private static final String COPY =
      "COPY impression_batches (" + ImpressionCopyEncoder.COLUMNS + ") FROM STDIN (FORMAT binary)";

  private final DataSource dataSource;
  private final ServingMetrics metrics;
  private final LinkedBlockingQueue<ImpressionCopyEncoder.Part> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final long maxQueuedBytes;
  private final Thread writer;
  private volatile boolean running = true;

  /**
   * {@code maxQueuedBytes} bounds the encoded rows waiting to be written (a count of requests would
   * not: a 1000-user request is a thousand times a 1-user one).
   */
  public ImpressionLogger(DataSource dataSource, ServingMetrics metrics, long maxQueuedBytes) {
    this.dataSource = dataSource;
    this.metrics = metrics;
    this.maxQueuedBytes = maxQueuedBytes;
    this.writer = new Thread(this::run, "playloop-impressions");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Queues a request's impressions, encoded here while the request's arrays are in this thread's
   * cache; never blocks (drops and counts when the queue is full).
   */
  public void log(Impression i) {
    if (queuedBytes.get() >= maxQueuedBytes) {
      metrics.impressionsDropped.inc(i.size());
      return;
    }
    List<ImpressionCopyEncoder.Part> parts = ImpressionCopyEncoder.parts(i);
    int bytes = 0;
    for (ImpressionCopyEncoder.Part p : parts) {
      bytes += p.bytes();
    }
    if (queuedBytes.addAndGet(bytes) > maxQueuedBytes) {
      queuedBytes.addAndGet(-bytes);
      metrics.impressionsDropped.inc(i.size());
      return;
    }
    queue.addAll(parts);
  }

  private void run() {
    List<ImpressionCopyEncoder.Part> batch = new ArrayList<>();
    BinaryCopy rows = new BinaryCopy(1 << 20);
    long backoffUntil = 0;
    long lastWrite = 0;
    boolean behind = false; // the last COPY was full: more is waiting, no pause
    while (running || !queue.isEmpty()) {
      try {
        long linger = lastWrite + LINGER_MILLIS - System.currentTimeMillis();
        if (linger > 0 && running && !behind) {
          Thread.sleep(linger);
        }
        ImpressionCopyEncoder.Part first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        int n = first.users();
        long bytes = first.bytes();
        ImpressionCopyEncoder.Part next;
        while (n < MAX_USERS_PER_COPY && (next = queue.poll()) != null) {
          batch.add(next);
          n += next.users();
          bytes += next.bytes();
        }
        behind = n >= MAX_USERS_PER_COPY;
        queuedBytes.addAndGet(-bytes);
        if (System.currentTimeMillis() < backoffUntil) {
          metrics.impressionsDropped.inc(n); // the database failed a moment ago
          continue;
        }
        try {
          lastWrite = System.currentTimeMillis();
          ImpressionCopyEncoder.write(batch, rows);
          write(rows);
          metrics.impressionsWritten.inc(n);
        } catch (SQLException | RuntimeException e) {
          metrics.impressionsDropped.inc(n);
          LOG.warn("Dropped {} impressions: {}", n, oneLine(e));
          backoffUntil = System.currentTimeMillis() + 1000;
        }
      } catch (InterruptedException e) {
        if (!running) {
          break;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void write(BinaryCopy rows) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        // Impressions may be dropped anyway: no need to wait for the WAL flush. A crash of
        // PostgreSQL can lose the last fraction of a second of them, never corrupt them.
        st.execute("SET LOCAL synchronous_commit = off");
      }
      rows.copyIn(c, COPY);
      c.commit();
    }
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  /** Writes what is queued (briefly), then stops. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
