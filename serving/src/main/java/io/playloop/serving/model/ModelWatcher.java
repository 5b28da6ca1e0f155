package io.playloop.serving.model;

import io.playloop.core.db.Connections;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.ServedVersions;
import io.playloop.serving.metrics.ServingMetrics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the {@code models} table and swaps in new snapshots: when the active version or the
 * candidate (with a traffic share above 0) changes, it loads them beside the ones being served and
 * then replaces the served {@link ServingModels} in one atomic write. Requests never wait for a
 * load; a failed load keeps the old snapshot, and no error of any kind stops the polling. Each
 * successful poll sets {@code playloop_model_poll_last_success_timestamp_seconds}, so that a
 * snapshot that stopped refreshing shows.
 */
public final class ModelWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

  private final ModelRegistry registry;
  private final SnapshotLoader loader;
  private final ServingMetrics metrics;
  private final AtomicReference<ServingModels> current = new AtomicReference<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "playloop-model-watcher");
            t.setDaemon(true);
            return t;
          });
  private volatile ServedVersions served;
  private boolean pollFailing;

  public ModelWatcher(DataSource dataSource, ServingMetrics metrics) {
    this.registry = new ModelRegistry(Connections.of(dataSource));
    this.loader = new SnapshotLoader(dataSource);
    this.metrics = metrics;
  }

  /** Loads what is active now (if anything), then polls every {@code every}. */
  public void start(Duration every) {
    try {
      refresh();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("No model loaded at start ({}); will retry every {}", oneLine(e), every);
    }
    poller.scheduleWithFixedDelay(
        this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One scheduled poll. Catches everything: an exception escaping a scheduled task would cancel all
   * later polls, and a server serving an old model in silence is worse than one logging an error.
   */
  private void poll() {
    try {
      refresh();
      if (pollFailing) {
        LOG.info("Model poll works again");
        pollFailing = false;
      }
    } catch (Throwable e) {
      if (!pollFailing) { // once per outage, not every poll
        LOG.warn("Model poll failed, still serving the loaded snapshot: {}", oneLine(e));
        pollFailing = true;
      }
      if (e instanceof VirtualMachineError fatal) {
        LOG.error("Model poll hit a fatal error", fatal);
      }
    }
  }

  /** The snapshots being served, or null before the first load. */
  public ServingModels current() {
    return current.get();
  }

  /**
   * Reads the models table and swaps in new snapshots if it changed; returns what is served. Also
   * the admin route's "reload now".
   */
  public synchronized ServingModels refresh() throws SQLException {
    ServedVersions wanted = registry.served();
    ServingModels now = current.get();
    if (wanted == null) {
      polled();
      return now; // nothing active yet: keep serving whatever was loaded
    }
    boolean emptyFilledSince = false;
    if (now != null && wanted.equals(served)) {
      // A version activated before its lists were committed was loaded empty: look again.
      if (now.active().recommendations().size() > 0
          || !registry.hasRecommendations(wanted.active())) {
        polled();
        return now;
      }
      emptyFilledSince = true;
    }
    IntListMap owners = loader.owners();
    ModelSnapshot active =
        emptyFilledSince
            ? load(wanted.active(), owners)
            : reuseOrLoad(now, wanted.active(), owners);
    ModelSnapshot candidate =
        wanted.candidate() == null ? null : reuseOrLoad(now, wanted.candidate(), owners);
    ServingModels next = new ServingModels(active, candidate, wanted.candidateShare(), owners);
    current.set(next);
    served = wanted;
    publish(next);
    polled();
    LOG.info(
        "Serving model {} ({} users, loaded in {} s){}",
        active.version(),
        active.recommendations().size(),
        String.format("%.2f", active.loadSeconds()),
        candidate == null
            ? ""
            : String.format(
                " and candidate %s for %.0f%% of users",
                candidate.version(), 100 * wanted.candidateShare()));
    return next;
  }

  /**
   * A snapshot being served is reused as is (its lists were filtered with the owners of its own
   * load; the popularity fill always uses the newest owners).
   */
  private ModelSnapshot reuseOrLoad(ServingModels now, String version, IntListMap owners)
      throws SQLException {
    if (now != null) {
      if (now.active().version().equals(version)) {
        return now.active();
      }
      if (now.candidate() != null && now.candidate().version().equals(version)) {
        return now.candidate();
      }
    }
    return load(version, owners);
  }

  private ModelSnapshot load(String version, IntListMap owners) throws SQLException {
    try {
      ModelSnapshot s = loader.load(version, owners);
      metrics.snapshotLoads.labelValues("ok").inc();
      return s;
    } catch (SQLException | RuntimeException e) {
      metrics.snapshotLoads.labelValues("failed").inc();
      throw e;
    }
  }

  /** Records a poll that read the models table (and loaded what it asked for). */
  private void polled() {
    metrics.modelPollLastSuccess.set(System.currentTimeMillis() / 1000.0);
  }

  private void publish(ServingModels m) {
    metrics.clearModels();
    for (ModelSnapshot s : new ModelSnapshot[] {m.active(), m.candidate()}) {
      if (s == null) {
        continue;
      }
      metrics.activeModel.labelValues(s.version(), s == m.active() ? "active" : "candidate").set(1);
      metrics.snapshotLoadSeconds.labelValues(s.version()).set(s.loadSeconds());
      metrics.snapshotUsers.labelValues(s.version()).set(s.recommendations().size());
      metrics.snapshotBytes.labelValues(s.version()).set(s.bytes());
    }
    metrics.candidateShare.set(m.candidate() == null ? 0 : m.candidateShare());
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
