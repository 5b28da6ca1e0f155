package io.playloop.core.registry;

import io.playloop.core.db.Connections;
import io.playloop.core.db.DbSettings;
import io.playloop.core.serving.ServingTableDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models table, for every node: {@code train} registers candidates, {@code score} records the
 * gate and promotes, {@code promote} rolls back, the server asks what to serve and exports the
 * offline figures. Promotion makes exactly one version active, under an advisory lock so that two
 * racing promotions serialize.
 */
public final class ModelRegistry {
  /** Any constant works; it only has to be the same for every promoter. */
  private static final long PROMOTION_LOCK = 0x706c61796c6f6fL;

  private static final String COLUMNS =
      "model_version, algorithm, params::text, metrics::text, status, traffic_share";
  private static final String NEWEST_FIRST = " ORDER BY created_at DESC, model_version DESC";

  private final Connections connections;

  public ModelRegistry(Connections connections) {
    this.connections = connections;
  }

  public ModelRegistry(DbSettings db) {
    this(Connections.of(db));
  }

  /** Registers {@code version} as a candidate (a re-registration replaces params and metrics). */
  public void registerCandidate(
      String version,
      String algorithm,
      Map<String, Object> params,
      OfflineMetrics metrics,
      Map<String, Long> trainingData) {
    String sql =
        "INSERT INTO models (model_version, algorithm, params, metrics, training_data)"
            + " VALUES (?, ?, ?::jsonb, ?::jsonb, ?::jsonb) ON CONFLICT (model_version) DO UPDATE"
            + " SET algorithm = EXCLUDED.algorithm, params = EXCLUDED.params,"
            + " metrics = EXCLUDED.metrics, training_data = EXCLUDED.training_data";
    update(
        sql,
        version,
        algorithm,
        MetricsJson.json(params == null ? Map.of() : params),
        metrics.toJson(),
        MetricsJson.json(trainingData == null ? Map.of() : trainingData));
  }

  /** Stores the gate's outcome in a version's metrics (replacing an earlier one). */
  public void recordGate(String version, GateRecord gate) {
    update(
        "UPDATE models SET metrics = metrics || jsonb_build_object(?::text, ?::jsonb)"
            + " WHERE model_version = ?",
        MetricsJson.GATE,
        MetricsJson.json(MetricsJson.gateMap(gate)),
        version);
  }

  public Optional<ModelEntry> find(String version) {
    return query(" WHERE model_version = ?", version).stream().findFirst();
  }

  /** The active version's row. */
  public Optional<ModelEntry> active() {
    return query(" WHERE status = ?", ModelStatus.ACTIVE.sql()).stream().findFirst();
  }

  /** The active version, or empty when none was promoted yet. */
  public Optional<String> activeVersion() {
    return active().map(ModelEntry::modelVersion);
  }

  /** Every version, newest first. */
  public List<ModelEntry> all() {
    return query("", null);
  }

  /** The active and candidate versions (what may be serving), newest first. */
  public List<ModelEntry> notRetired() {
    return query(" WHERE status <> ?", ModelStatus.RETIRED.sql());
  }

  /** The newest version that training marked as its choice. */
  public Optional<ModelEntry> newestChosen() {
    return all().stream().filter(e -> e.metrics().chosen()).findFirst();
  }

  /** What the server should serve, or null when no version is active. */
  public ServedVersions served() {
    String active = null;
    String candidate = null;
    double share = 0;
    try (Connection c = connections.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT model_version, status, traffic_share FROM models"
                    + " WHERE status = ? OR (status = ? AND traffic_share > 0)"
                    + NEWEST_FIRST)) {
      ps.setString(1, ModelStatus.ACTIVE.sql());
      ps.setString(2, ModelStatus.CANDIDATE.sql());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (ModelStatus.of(rs.getString(2)) == ModelStatus.ACTIVE) {
            active = rs.getString(1);
          } else if (candidate == null) {
            candidate = rs.getString(1); // the newest candidate takes the split
            share = rs.getDouble(3);
          }
        }
      }
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
    if (active == null) {
      return null;
    }
    return Objects.equals(active, candidate)
        ? new ServedVersions(active, null, 0)
        : new ServedVersions(active, candidate, share);
  }

  /** Whether {@code version} has rows in the serving table. */
  public boolean hasRecommendations(String version) {
    try (Connection c = connections.open()) {
      return hasRecommendations(c, version);
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  private static boolean hasRecommendations(Connection c, String version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ServingTableDefinition.anyRecommendation())) {
      ps.setString(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Makes {@code version} the one active version (the previous one is retired). Refuses unknown
   * versions and versions without recommendations in the serving table.
   */
  public void promote(String version) {
    try (Connection c = connections.open()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, PROMOTION_LOCK);
          lock.execute();
        }
        try (PreparedStatement ps =
            c.prepareStatement("SELECT status FROM models WHERE model_version = ? FOR UPDATE")) {
          ps.setString(1, version);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalArgumentException(
                  "no model version '" + version + "' is registered");
            }
          }
        }
        if (!hasRecommendations(c, version)) {
          throw new IllegalStateException(
              "model version '"
                  + version
                  + "' has no recommendations in the serving table; run score --version "
                  + version
                  + " first");
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE models SET status = ?, traffic_share = 0"
                    + " WHERE status = ? AND model_version <> ?")) {
          ps.setString(1, ModelStatus.RETIRED.sql());
          ps.setString(2, ModelStatus.ACTIVE.sql());
          ps.setString(3, version);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE models SET status = ?, traffic_share = 1, activated_at = now()"
                    + " WHERE model_version = ?")) {
          ps.setString(1, ModelStatus.ACTIVE.sql());
          ps.setString(2, version);
          ps.executeUpdate();
        }
        c.commit();
      } catch (RuntimeException | SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  private void update(String sql, String... args) {
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  private List<ModelEntry> query(String where, String arg) {
    String sql = "SELECT " + COLUMNS + " FROM models" + where + NEWEST_FIRST;
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<ModelEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ModelEntry(
                  rs.getString(1),
                  rs.getString(2),
                  params(rs.getString(3)),
                  OfflineMetrics.fromJson(rs.getString(4)),
                  ModelStatus.of(rs.getString(5)),
                  rs.getDouble(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw connections.unavailable(e);
    }
  }

  private static Map<String, Object> params(String json) {
    try {
      return MetricsJson.plain(MetricsJson.JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("bad JSON in the models table: " + json, e);
    }
  }
}
