package io.playloop.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.PlayloopServer;
import io.playloop.serving.TestServer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Shutdown loses no feedback it took: the server stops accepting connections, commits and answers
 * the requests already queued, and only then stops Jetty.
 */
class FeedbackShutdownTest {
  @Test
  void queuedFeedbackIsCommittedAndAnsweredBeforeTheServerStops() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      try (Connection c = db.connect()) {
        Fixtures.model(c, "v1", "active", 0);
      }
      PlayloopServer server =
          PlayloopServer.start(
              TestServer.settings(db.url(), Map.of("serving.feedback-writers", 1)));
      int port = server.port();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      Thread stopping;
      try (Connection locker = db.connect()) {
        // The writer waits on a lock: the feedback queues up in the server.
        locker.setAutoCommit(false);
        try (Statement st = locker.createStatement()) {
          st.execute("LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE");
        }
        GroupCommitWriter writer = (GroupCommitWriter) server.context().feedback();
        for (int u = 1; u <= 20; u++) {
          if (u == 2) {
            Eventually.within(Duration.ofSeconds(10), "the writer waits", () -> waitsOnLock(db));
          }
          answers.add(
              http.sendAsync(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feedback"))
                      .timeout(Duration.ofSeconds(60))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              FeedbackIdempotencyTest.feedback(u, 5, null)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
        }
        Eventually.within(Duration.ofSeconds(10), "19 queued", () -> writer.queued() == 19);

        stopping = new Thread(server::close, "stopping");
        stopping.start();
        // New connections are refused at once, while the queued feedback still waits.
        Eventually.within(Duration.ofSeconds(10), "listener closed", () -> refused(port));
        assertThat(answers).noneMatch(CompletableFuture::isDone);
        assertThat(stopping.isAlive()).isTrue();
        locker.rollback();
      }
      stopping.join(30_000);
      assertThat(stopping.isAlive()).as("close() returned").isFalse();
      for (var a : answers) {
        HttpResponse<String> r = a.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      try (Connection c = db.connect();
          var rs = c.createStatement().executeQuery("SELECT count(*) FROM feedback")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(20);
      }
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .isInstanceOf(ConnectException.class);
    }
  }

  private static boolean waitsOnLock(TestDatabase db) {
    try (Connection c = db.connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND query ~ '^(COPY|INSERT INTO) feedback '")) {
      rs.next();
      return rs.getLong(1) > 0;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean refused(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
