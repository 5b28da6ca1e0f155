package io.playloop.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class ImpressionsSchemaTest {
  private static List<String> perUserRows(Connection c) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT request_id, user_id, model_version, playlists::text FROM impressions"
                    + " ORDER BY request_id, user_id")) {
      while (rs.next()) {
        rows.add(
            rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4));
      }
    }
    return rows;
  }

  @Test
  void perUserRowsWrittenBeforeTheMigrationReadTheSameAfterIt() throws Exception {
    try (TestDatabase db = TestDatabase.createEmpty()) {
      Flyway.configure()
          .dataSource(db.url(), "postgres", "")
          .locations("classpath:db/migration")
          .target("1")
          .load()
          .migrate();
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO impressions (request_id, user_id, model_version, playlists) VALUES"
                + " ('a', 1, 'v1', '{5,6,7}'), ('a', 2, 'v1', '{8}'), ('b', 1, NULL, '{}')");
      }
      Database.migrate(db.settings());
      try (Connection c = db.connect()) {
        assertThat(perUserRows(c)).containsExactly("a 1 v1 {5,6,7}", "a 2 v1 {8}", "b 1 null {}");
      }
    }
  }

  @Test
  void aBatchRowIsSeenAsOneRowPerUserWithItsRequestAndItsOwnSlice() throws Exception {
    try (TestDatabase db = TestDatabase.create();
        Connection c = db.connect();
        Statement st = c.createStatement()) {
      // Requests r (users 9, 3, 4) and s (user 9): counts 2, 0, 3 and 1.
      st.execute(
          "INSERT INTO impression_batches"
              + " (model_version, request_ids, request_sizes, user_ids, counts, playlists)"
              + " VALUES ('v2', '{r,s}', '\\x00030001', '{9,3,4,9}', '\\x0002000000030001',"
              + " impression_pack('{10,11,12,13,2147483647,7}'))");
      assertThat(perUserRows(c))
          .containsExactly(
              "r 3 v2 {}", "r 4 v2 {12,13,2147483647}", "r 9 v2 {10,11}", "s 9 v2 {7}");
    }
  }

  @Test
  void insertingPerUserRowsIntoTheViewStoresThem() throws Exception {
    try (TestDatabase db = TestDatabase.create();
        Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO impressions (request_id, user_id, model_version, playlists, served_at)"
              + " VALUES ('x', 7, 'v1', '{1,2}', '2026-01-02T03:04:05Z')");
      assertThat(perUserRows(c)).containsExactly("x 7 v1 {1,2}");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM impression_batches WHERE served_at = '2026-01-02T03:04:05Z'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void perUserRowsKeepTheirExploredPositionsAndPropensitiesAndRefuseMismatchedOnes()
      throws Exception {
    try (TestDatabase db = TestDatabase.create();
        Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO impressions (request_id, user_id, model_version, playlists,"
              + " explored_positions, propensities) VALUES"
              + " ('e', 1, 'v1', '{1,2,3}', '{2,3}', '{0.5,0.25}'),"
              + " ('p', 2, 'v1', '{4,5}', NULL, NULL)");
      List<String> rows = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT request_id, explored_positions::text, propensities::text FROM impressions"
                  + " ORDER BY request_id")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
      assertThat(rows).containsExactly("e {2,3} {0.5,0.25}", "p {} {}");
      assertThatThrownBy(
              () ->
                  st.execute(
                      "INSERT INTO impressions (request_id, user_id, playlists,"
                          + " explored_positions, propensities)"
                          + " VALUES ('bad', 3, '{1}', '{1}', '{}')"))
          .hasMessageContaining("same length");
    }
  }
}
