package io.playloop.serving.impressions;

import io.playloop.serving.metrics.ServingMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what {@code /recommend} served into {@code impressions}, off the request path: a bounded
 * queue of one entry per request that never blocks (a full queue drops and counts), drained by one
 * writer that COPYs each batch (far cheaper for PostgreSQL than INSERTs).
 */
public final class ImpressionLogger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImpressionLogger.class);
  private static final int MAX_ROWS_PER_COPY = 20_000;
  private static final String COPY =
      "COPY impressions (request_id, user_id, model_version, playlists) FROM STDIN";

  private final DataSource dataSource;
  private final ServingMetrics metrics;
  private final ArrayBlockingQueue<Impression> queue;
  private final Thread writer;
  private volatile boolean running = true;

  /** {@code capacity} counts requests waiting to be written. */
  public ImpressionLogger(DataSource dataSource, ServingMetrics metrics, int capacity) {
    this.dataSource = dataSource;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::run, "playloop-impressions");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues a request's impressions; never blocks (drops and counts when the queue is full). */
  public void log(Impression i) {
    if (!queue.offer(i)) {
      metrics.impressionsDropped.inc(i.size());
    }
  }

  private void run() {
    List<Impression> batch = new ArrayList<>();
    ByteArrayOutputStream rows = new ByteArrayOutputStream(1 << 20);
    long backoffUntil = 0;
    while (running || !queue.isEmpty()) {
      try {
        Impression first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        int n = first.size();
        Impression next;
        while (n < MAX_ROWS_PER_COPY && (next = queue.poll()) != null) {
          batch.add(next);
          n += next.size();
        }
        if (System.currentTimeMillis() < backoffUntil) {
          metrics.impressionsDropped.inc(n); // the database failed a moment ago
          continue;
        }
        try {
          rows.reset();
          encode(batch, rows);
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

  /** COPY text rows: request_id TAB user_id TAB model_version TAB {p1,p2,...}. */
  static void encode(List<Impression> batch, ByteArrayOutputStream out) {
    StringBuilder b = new StringBuilder(256);
    for (Impression imp : batch) {
      String requestId = copyText(imp.requestId());
      for (int i = 0; i < imp.users().length; i++) {
        b.setLength(0);
        b.append(requestId).append('\t').append(imp.users()[i]).append('\t');
        String version = imp.versions()[i];
        b.append(version == null ? "\\N" : copyText(version)).append("\t{");
        for (int k = imp.offsets()[i]; k < imp.offsets()[i + 1]; k++) {
          if (k > imp.offsets()[i]) {
            b.append(',');
          }
          b.append(imp.playlists()[k]);
        }
        b.append("}\n");
        out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Escapes COPY's text format specials (versions are plain, but never trust a string). */
  private static String copyText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
        return s.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r");
      }
    }
    return s;
  }

  private void write(ByteArrayOutputStream rows) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
      try {
        byte[] bytes = rows.toByteArray();
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
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
