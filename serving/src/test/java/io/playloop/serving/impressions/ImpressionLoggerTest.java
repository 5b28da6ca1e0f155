package io.playloop.serving.impressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.playloop.core.db.TestDatabase;
import io.playloop.serving.Eventually;
import io.playloop.serving.metrics.ServingMetrics;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpressionLoggerTest {
  /**
   * A pool on a live database. The logger drops what it cannot write at once, so a short wait for a
   * connection would drop the rows these tests read back whenever the machine is busy.
   */
  private static HikariDataSource pool(String url) {
    return pool(url, 10_000);
  }

  /** A pool on a closed port: a short wait keeps each refused write quick. */
  private static HikariDataSource unreachablePool(int port) {
    return pool("jdbc:postgresql://127.0.0.1:" + port + "/none", 250);
  }

  private static HikariDataSource pool(String url, long connectionTimeoutMillis) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername("postgres");
    c.setMaximumPoolSize(2);
    c.setConnectionTimeout(connectionTimeoutMillis);
    c.setInitializationFailTimeout(-1);
    return new HikariDataSource(c);
  }

  private static Impression twoUsers(String requestId, String version) {
    return new Impression(
        requestId,
        new int[] {7, 8},
        new String[] {version, version},
        new int[] {0, 3, 5},
        new int[] {1, 2, 3, 4, 5},
        null,
        null);
  }

  @Test
  void copiesEachServedListAsARow() throws Exception {
    try (TestDatabase db = TestDatabase.create();
        HikariDataSource ds = pool(db.url())) {
      ServingMetrics metrics = new ServingMetrics();
      try (ImpressionLogger logger = new ImpressionLogger(ds, metrics, 1 << 20)) {
        logger.log(twoUsers("r1", "v\t1\\x"));
        logger.log(twoUsers("r2", "v2"));
        Eventually.within(
            Duration.ofSeconds(30), "written", () -> metrics.impressionsWritten.get() == 4);
      }
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT user_id, model_version, playlists::text FROM impressions"
                      + " WHERE request_id = 'r1' ORDER BY user_id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(7);
        assertThat(rs.getString(2)).isEqualTo("v\t1\\x");
        assertThat(rs.getString(3)).isEqualTo("{1,2,3}");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(3)).isEqualTo("{4,5}");
      }
      assertThat(metrics.impressionsDropped.get()).isZero();
    }
  }

  @Test
  void exploredPositionsAndPropensitiesReadBackPerUserBesideRequestsThatDidNotExplore()
      throws Exception {
    try (TestDatabase db = TestDatabase.create();
        HikariDataSource ds = pool(db.url())) {
      ServingMetrics metrics = new ServingMetrics();
      try (ImpressionLogger logger = new ImpressionLogger(ds, metrics, 1 << 20)) {
        logger.log(twoUsers("plain", "v1"));
        // User 7 explored its last position, user 8 none, user 9 its first (a followed like) and
        // its last; a split request.
        logger.log(
            new Impression(
                "explored",
                new int[] {7, 8, 9},
                new String[] {"v1", "v1", "v2"},
                new int[] {0, 3, 5, 8},
                new int[] {1, 2, 3, 4, 5, 6, 7, 8},
                new byte[] {1, 0, 2},
                new float[] {0, 0, 0.25f, 0, 0, 0.5f, 0, 0.0625f}));
        Eventually.within(
            Duration.ofSeconds(30), "written", () -> metrics.impressionsWritten.get() == 5);
      }
      List<String> rows = new ArrayList<>();
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT request_id, user_id, playlists::text, explored_positions::text,"
                      + " propensities::text FROM impressions ORDER BY request_id, user_id")) {
        while (rs.next()) {
          rows.add(
              rs.getString(1)
                  + " "
                  + rs.getInt(2)
                  + " "
                  + rs.getString(3)
                  + " "
                  + rs.getString(4)
                  + " "
                  + rs.getString(5));
        }
      }
      assertThat(rows)
          .containsExactly(
              "explored 7 {1,2,3} {3} {0.25}",
              "explored 8 {4,5} {} {}",
              "explored 9 {6,7,8} {1,3} {0.5,0.0625}",
              "plain 7 {1,2,3} {} {}",
              "plain 8 {4,5} {} {}");
    }
  }

  @Test
  void aRequestServedByTwoVersionsKeepsEachUsersVersion() throws Exception {
    try (TestDatabase db = TestDatabase.create();
        HikariDataSource ds = pool(db.url())) {
      ServingMetrics metrics = new ServingMetrics();
      try (ImpressionLogger logger = new ImpressionLogger(ds, metrics, 1 << 20)) {
        logger.log(
            new Impression(
                "split",
                new int[] {1, 2, 3, 4},
                new String[] {"a", "b", "a", null},
                new int[] {0, 2, 3, 3, 5},
                new int[] {10, 11, 20, 40, 41},
                null,
                null));
        Eventually.within(
            Duration.ofSeconds(30), "written", () -> metrics.impressionsWritten.get() == 4);
      }
      List<String> rows = new ArrayList<>();
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT user_id, model_version, playlists::text FROM impressions"
                      + " WHERE request_id = 'split' ORDER BY user_id")) {
        while (rs.next()) {
          rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
      assertThat(rows).containsExactly("1 a {10,11}", "2 b {20}", "3 a {}", "4 null {40,41}");
    }
  }

  @Test
  void manyRequestsShareRowsAndEachUserReadsBackWithItsOwnRequest() throws Exception {
    try (TestDatabase db = TestDatabase.create();
        HikariDataSource ds = pool(db.url())) {
      ServingMetrics metrics = new ServingMetrics();
      int[] bigUsers = new int[600];
      int[] bigOffsets = new int[601];
      int[] bigLists = new int[3000];
      for (int u = 0; u < bigUsers.length; u++) {
        bigUsers[u] = 1000 + u;
        bigOffsets[u + 1] = 5 * (u + 1);
        for (int k = 0; k < 5; k++) {
          bigLists[5 * u + k] = 100_000 * k + u;
        }
      }
      String[] bigVersions = new String[600];
      java.util.Arrays.fill(bigVersions, "v1");
      try (ImpressionLogger logger = new ImpressionLogger(ds, metrics, 1 << 24)) {
        for (int r = 0; r < 300; r++) {
          logger.log(twoUsers("r" + r, "v1"));
        }
        logger.log(new Impression("big", bigUsers, bigVersions, bigOffsets, bigLists, null, null));
        Eventually.within(
            Duration.ofSeconds(30), "written", () -> metrics.impressionsWritten.get() == 1200);
      }
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        assertThat(count(st, "SELECT count(*) FROM impressions")).isEqualTo(1200);
        assertThat(count(st, "SELECT count(*) FROM impression_batches")).isBetween(2L, 20L);
        assertThat(
                count(
                    st,
                    "SELECT count(*) FROM impressions WHERE request_id = 'r217' AND model_version"
                        + " = 'v1' AND ((user_id = 7 AND playlists = '{1,2,3}')"
                        + " OR (user_id = 8 AND playlists = '{4,5}'))"))
            .isEqualTo(2);
        assertThat(
                count(
                    st,
                    "SELECT count(*) FROM impressions WHERE request_id = 'big'"
                        + " AND playlists = ARRAY[user_id - 1000, 100000 + user_id - 1000,"
                        + " 200000 + user_id - 1000, 300000 + user_id - 1000,"
                        + " 400000 + user_id - 1000]"))
            .isEqualTo(600);
      }
    }
  }

  private static long count(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void requestsBeyondTheByteBudgetAreDroppedAndCountedNotQueued() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (HikariDataSource ds = unreachablePool(closedPort)) {
      ServingMetrics metrics = new ServingMetrics();
      int oneRequest = ImpressionCopyEncoder.parts(twoUsers("r0", "v1")).get(0).bytes();
      try (ImpressionLogger logger = new ImpressionLogger(ds, metrics, oneRequest - 1)) {
        logger.log(twoUsers("r0", "v1"));
        logger.log(twoUsers("r1", "v1"));
        // Dropped on the request thread, before the queue: counted at once.
        assertThat(metrics.impressionsDropped.get()).isEqualTo(4);
      }
      try (ImpressionLogger logger = new ImpressionLogger(ds, metrics, oneRequest)) {
        logger.log(twoUsers("r2", "v1")); // fits: queued (and later dropped: no database)
        Eventually.within(
            Duration.ofSeconds(15), "dropped", () -> metrics.impressionsDropped.get() == 6);
      }
      assertThat(metrics.impressionsWritten.get()).isZero();
    }
  }

  @Test
  void dropsAndCountsWhenTheDatabaseIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (HikariDataSource ds = unreachablePool(closedPort)) {
      ServingMetrics metrics = new ServingMetrics();
      try (ImpressionLogger logger = new ImpressionLogger(ds, metrics, 1 << 20)) {
        for (int i = 0; i < 50; i++) {
          logger.log(twoUsers("r" + i, "v1"));
        }
        Eventually.within(
            Duration.ofSeconds(15), "all dropped", () -> metrics.impressionsDropped.get() == 100);
      }
      assertThat(metrics.impressionsWritten.get()).isZero();
    }
  }
}
