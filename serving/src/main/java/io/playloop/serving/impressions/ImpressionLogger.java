package io.playloop.serving.impressions;

import io.playloop.serving.metrics.ServingMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what {@code /recommend} served into {@code impressions}, off the request path: a bounded
 * queue that never blocks (a full queue drops and counts), drained by one writer in batches.
 */
public final class ImpressionLogger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImpressionLogger.class);
  private static final int MAX_BATCH = 2000;
  private static final String INSERT =
      "INSERT INTO impressions (request_id, user_id, model_version, playlists)"
          + " VALUES (?, ?, ?, ?::integer[]) ON CONFLICT DO NOTHING";

  private final DataSource dataSource;
  private final ServingMetrics metrics;
  private final ArrayBlockingQueue<Impression> queue;
  private final Thread writer;
  private volatile boolean running = true;

  public ImpressionLogger(DataSource dataSource, ServingMetrics metrics, int capacity) {
    this.dataSource = dataSource;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::run, "playloop-impressions");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues an impression; never blocks (drops and counts when the queue is full). */
  public void log(Impression i) {
    if (!queue.offer(i)) {
      metrics.impressionsDropped.inc();
    }
  }

  private void run() {
    List<Impression> batch = new ArrayList<>(MAX_BATCH);
    long backoffUntil = 0;
    while (running || !queue.isEmpty()) {
      try {
        Impression first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (!running) {
            break;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        if (System.currentTimeMillis() < backoffUntil) {
          metrics.impressionsDropped.inc(batch.size()); // database was down a moment ago
          continue;
        }
        try {
          write(batch);
          metrics.impressionsWritten.inc(batch.size());
        } catch (SQLException | RuntimeException e) {
          metrics.impressionsDropped.inc(batch.size());
          LOG.warn("Dropped {} impressions: {}", batch.size(), oneLine(e));
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

  private void write(List<Impression> batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (Impression i : batch) {
          ps.setString(1, i.requestId());
          ps.setInt(2, i.userId());
          ps.setString(3, i.modelVersion());
          ps.setString(4, arrayLiteral(i.playlists()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  private static String arrayLiteral(int[] values) {
    StringBuilder b = new StringBuilder(values.length * 8 + 2).append('{');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values[i]);
    }
    return b.append('}').toString();
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
