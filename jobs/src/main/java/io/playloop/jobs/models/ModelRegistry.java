package io.playloop.jobs.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models table: candidates are registered after training; promotion makes exactly one version
 * active, under an advisory lock so that two racing promotions serialize.
 */
public final class ModelRegistry {
  /** Any constant works; it only has to be the same for every promoter. */
  private static final long PROMOTION_LOCK = 0x706c61796c6f6fL;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DbSettings db;

  public ModelRegistry(DbSettings db) {
    this.db = db;
  }

  /** One row of the models table. */
  public record Entry(
      String modelVersion,
      String algorithm,
      Map<String, Object> params,
      Map<String, Object> metrics,
      String status,
      double trafficShare) {}

  /** Registers {@code version} as a candidate (a re-registration replaces params and metrics). */
  public void registerCandidate(
      String version,
      String algorithm,
      Map<String, Object> params,
      Map<String, Object> metrics,
      Map<String, Long> trainingData) {
    String sql =
        "INSERT INTO models (model_version, algorithm, params, metrics, training_data)"
            + " VALUES (?, ?, ?::jsonb, ?::jsonb, ?::jsonb) ON CONFLICT (model_version) DO UPDATE"
            + " SET algorithm = EXCLUDED.algorithm, params = EXCLUDED.params,"
            + " metrics = EXCLUDED.metrics, training_data = EXCLUDED.training_data";
    try (Connection c = Database.connect(db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, version);
      ps.setString(2, algorithm);
      ps.setString(3, json(params));
      ps.setString(4, json(metrics));
      ps.setString(5, json(trainingData));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  /** Merges {@code extra} into a version's metrics (e.g. its score on today's validation). */
  public void addMetrics(String version, Map<String, Object> extra) {
    String sql = "UPDATE models SET metrics = metrics || ?::jsonb WHERE model_version = ?";
    try (Connection c = Database.connect(db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, json(extra));
      ps.setString(2, version);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  public Optional<Entry> find(String version) {
    return query("WHERE model_version = ?", version).stream().findFirst();
  }

  public Optional<Entry> active() {
    return query("WHERE status = 'active'", null).stream().findFirst();
  }

  /** Every version, newest first. */
  public List<Entry> all() {
    return query("", null);
  }

  /**
   * Makes {@code version} the one active version (the previous one is retired). Refuses unknown
   * versions and versions without recommendations in the serving table.
   */
  public void promote(String version) {
    try (Connection c = Database.connect(db)) {
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
        try (PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM recommendations WHERE model_version = ? LIMIT 1")) {
          ps.setString(1, version);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalStateException(
                  "model version '"
                      + version
                      + "' has no recommendations in the serving table; run score --version "
                      + version
                      + " first");
            }
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE models SET status = 'retired', traffic_share = 0"
                    + " WHERE status = 'active' AND model_version <> ?")) {
          ps.setString(1, version);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE models SET status = 'active', traffic_share = 1, activated_at = now()"
                    + " WHERE model_version = ?")) {
          ps.setString(1, version);
          ps.executeUpdate();
        }
        c.commit();
      } catch (RuntimeException | SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  private List<Entry> query(String where, String arg) {
    String sql =
        "SELECT model_version, algorithm, params::text, metrics::text, status, traffic_share"
            + " FROM models "
            + where
            + " ORDER BY created_at DESC, model_version DESC";
    try (Connection c = Database.connect(db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<Entry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Entry(
                  rs.getString(1),
                  rs.getString(2),
                  map(rs.getString(3)),
                  map(rs.getString(4)),
                  rs.getString(5),
                  rs.getDouble(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value == null ? Map.of() : value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-able: " + value, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(String json) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("bad JSON in the models table: " + json, e);
    }
  }
}
