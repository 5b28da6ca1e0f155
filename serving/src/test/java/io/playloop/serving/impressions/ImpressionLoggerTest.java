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
  private static HikariDataSource pool(String url) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername("postgres");
    c.setMaximumPoolSize(2);
    c.setConnectionTimeout(250);
    c.setInitializationFailTimeout(-1);
    return new HikariDataSource(c);
  }

  private static Impression twoUsers(String requestId, String version) {
    return new Impression(
        requestId,
        new int[] {7, 8},
        new String[] {version, version},
        new int[] {0, 3, 5},
        new int[] {1, 2, 3, 4, 5});
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
            Duration.ofSeconds(10), "written", () -> metrics.impressionsWritten.get() == 4);
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
                new int[] {10, 11, 20, 40, 41}));
        Eventually.within(
            Duration.ofSeconds(10), "written", () -> metrics.impressionsWritten.get() == 4);
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
  void requestsBeyondTheByteBudgetAreDroppedAndCountedNotQueued() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (HikariDataSource ds = pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/none")) {
      ServingMetrics metrics = new ServingMetrics();
      int oneRequest = ImpressionCopyEncoder.rows(twoUsers("r0", "v1")).length;
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
    try (HikariDataSource ds = pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/none")) {
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
