package io.playloop.serving;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** Writes the rows the server reads: models, recommendations, popularity lists, the catalog. */
public final class Fixtures {
  private Fixtures() {}

  /** Statements run against a test database. */
  @FunctionalInterface
  public interface Seed {
    void apply(Connection c) throws SQLException;
  }

  public static void model(Connection c, String version, String status, double share)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO models (model_version, algorithm, status, traffic_share, activated_at)"
                + " VALUES (?, 'test', ?, ?, CASE WHEN ? = 'active' THEN now() END)")) {
      ps.setString(1, version);
      ps.setString(2, status);
      ps.setDouble(3, share);
      ps.setString(4, status);
      ps.executeUpdate();
    }
  }

  /** Makes {@code version} the one active version (the previous active one is retired). */
  public static void activate(Connection c, String version) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (var st = c.createStatement()) {
      st.executeUpdate("UPDATE models SET status = 'retired' WHERE status = 'active'");
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE models SET status = 'active', traffic_share = 0, activated_at = now()"
                  + " WHERE model_version = ?")) {
        ps.setString(1, version);
        ps.executeUpdate();
      }
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
  }

  public static void recommendations(Connection c, String version, Map<Integer, int[]> lists)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO recommendations (model_version, user_id, playlists, scores)"
                + " VALUES (?, ?, ?::integer[], ?::real[])")) {
      for (Map.Entry<Integer, int[]> e : lists.entrySet()) {
        ps.setString(1, version);
        ps.setInt(2, e.getKey());
        ps.setString(3, array(e.getValue()));
        ps.setString(4, scores(e.getValue().length));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** {@code users} users with ids 1..users, each with {@code perUser} playlists. */
  public static void syntheticRecommendations(
      Connection c, String version, int users, int perUser, int offset) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO recommendations (model_version, user_id, playlists, scores)"
                + " SELECT ?, u, ARRAY(SELECT 100000 + ((u * 7 + k * 13 + ?) % 50000)"
                + " FROM generate_series(1, ?) k ORDER BY k),"
                + " array_fill(1.0::real, ARRAY[?]) FROM generate_series(1, ?) u")) {
      ps.setString(1, version);
      ps.setInt(2, offset);
      ps.setInt(3, perUser);
      ps.setInt(4, perUser);
      ps.setInt(5, users);
      ps.executeUpdate();
    }
  }

  public static void popular(Connection c, String version, int... playlists) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO popular_playlists (model_version, rank, playlist_id) VALUES (?, ?, ?)")) {
      for (int i = 0; i < playlists.length; i++) {
        ps.setString(1, version);
        ps.setInt(2, i + 1);
        ps.setInt(3, playlists[i]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  public static void playlist(Connection c, int id, Integer owner, String name)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO playlists (playlist_id, owner_user_id, name) VALUES (?, ?, ?)")) {
      ps.setInt(1, id);
      if (owner == null) {
        ps.setNull(2, java.sql.Types.INTEGER);
      } else {
        ps.setInt(2, owner);
      }
      ps.setString(3, name);
      ps.executeUpdate();
    }
  }

  public static String array(int[] values) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      b.append(i > 0 ? "," : "").append(values[i]);
    }
    return b.append('}').toString();
  }

  private static String scores(int n) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      b.append(i > 0 ? "," : "").append(1.0f - i * 0.01f);
    }
    return b.append('}').toString();
  }
}
