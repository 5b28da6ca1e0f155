package io.playloop.serving.model;

import io.playloop.serving.metrics.ServingMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
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
 * load; a failed load keeps the old snapshot.
 */
public final class ModelWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

  /** What the models table says should be served. */
  record Wanted(String active, String candidate, double share) {}

  private final DataSource dataSource;
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
  private volatile Wanted served;
  private boolean pollFailing;

  public ModelWatcher(DataSource dataSource, ServingMetrics metrics) {
    this.dataSource = dataSource;
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
        () -> {
          try {
            refresh();
            if (pollFailing) {
              LOG.info("Model poll works again");
              pollFailing = false;
            }
          } catch (SQLException | RuntimeException e) {
            if (!pollFailing) { // once per outage, not every poll
              LOG.warn("Model poll failed, still serving the loaded snapshot: {}", oneLine(e));
              pollFailing = true;
            }
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
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
    Wanted wanted = wanted();
    ServingModels now = current.get();
    if (wanted == null) {
      return now; // nothing active yet: keep serving whatever was loaded
    }
    boolean emptyFilledSince = false;
    if (now != null && wanted.equals(served)) {
      // A version activated before its lists were committed was loaded empty: look again.
      if (now.active().recommendations().size() > 0 || !hasRows(wanted.active())) {
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
    ServingModels next = new ServingModels(active, candidate, wanted.share(), owners);
    current.set(next);
    served = wanted;
    publish(next);
    LOG.info(
        "Serving model {} ({} users, loaded in {} s){}",
        active.version(),
        active.recommendations().size(),
        String.format("%.2f", active.loadSeconds()),
        candidate == null
            ? ""
            : String.format(
                " and candidate %s for %.0f%% of users",
                candidate.version(), 100 * wanted.share()));
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

  private boolean hasRows(String version) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM recommendations WHERE model_version = ? LIMIT 1")) {
      ps.setString(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private Wanted wanted() throws SQLException {
    String active = null;
    String candidate = null;
    double share = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT model_version, status, traffic_share FROM models"
                    + " WHERE status = 'active' OR (status = 'candidate' AND traffic_share > 0)"
                    + " ORDER BY created_at DESC, model_version DESC");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (rs.getString(2).equals("active")) {
          active = rs.getString(1);
        } else if (candidate == null) {
          candidate = rs.getString(1); // the newest candidate takes the split
          share = rs.getDouble(3);
        }
      }
    }
    if (active == null) {
      return null;
    }
    return Objects.equals(active, candidate)
        ? new Wanted(active, null, 0)
        : new Wanted(active, candidate, share);
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
