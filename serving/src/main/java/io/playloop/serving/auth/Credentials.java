package io.playloop.serving.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials the server accepts, from the credentials file, re-read every second when its
 * contents changed: a token is added, rotated or revoked without a restart. A file that turns
 * unreadable or invalid keeps the last good credentials (and is logged).
 */
public final class Credentials implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

  private static final long SETTLE_MILLIS = 100;

  private final Path file;
  private final ScheduledExecutorService watcher;
  private volatile List<Credential> current;
  private byte[] lastBytes;

  private Credentials(Path file, long checkMillis) {
    this.file = file;
    this.lastBytes = bytes(file);
    this.current = CredentialsFile.parse(file, lastBytes);
    this.watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "playloop-credentials");
              t.setDaemon(true);
              return t;
            });
    watcher.scheduleWithFixedDelay(
        this::reloadIfChanged, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Reads {@code file} now (an {@link IllegalArgumentException} says what is wrong with it) and
   * watches it for changes.
   */
  public static Credentials watch(Path file) {
    return new Credentials(file, 1000);
  }

  /** The credential whose token is {@code token}, or null. Compares every hash in constant time. */
  public Credential authenticate(String token) {
    byte[] hash = CredentialsFile.hash(token);
    Credential found = null;
    for (Credential c : current) {
      if (MessageDigest.isEqual(hash, c.tokenHash()) && found == null) {
        found = c;
      }
    }
    return found;
  }

  /** How many credentials are loaded. */
  public int size() {
    return current.size();
  }

  /** Re-reads the file if its bytes changed since the last read. */
  void reloadIfChanged() {
    try {
      byte[] now = bytes(file);
      if (Arrays.equals(now, lastBytes)) {
        return;
      }
      // An editor that writes in place shows a short or empty file for a moment: take the new
      // contents only once they hold still.
      Thread.sleep(SETTLE_MILLIS);
      if (!Arrays.equals(now, bytes(file))) {
        return; // still being written: next time
      }
      lastBytes = now; // a broken file is reported once, not every second
      List<Credential> parsed = CredentialsFile.parse(file, now);
      current = parsed;
      LOG.info("Credentials re-read from {}: {} credentials", file, parsed.size());
    } catch (RuntimeException e) {
      LOG.warn("Keeping the previous credentials: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read credentials file " + file + ": " + e);
    }
  }

  @Override
  public void close() {
    watcher.shutdownNow();
  }
}
