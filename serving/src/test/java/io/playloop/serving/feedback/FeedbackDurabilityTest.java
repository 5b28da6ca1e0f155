package io.playloop.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.PlayloopServer;
import io.playloop.serving.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL becomes unreachable during a feedback load (a proxy between the server and the shared
 * PostgreSQL is cut, the server itself keeps running) and comes back: 503s while it is down, no
 * acknowledged row missing, recovery without a restart.
 */
class FeedbackDurabilityTest {
  private static final int THREADS = 8;

  @Test
  void noAcknowledgedFeedbackIsLostWhenTheDatabaseGoesAwayAndComesBack() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      try (Connection c = db.connect()) {
        Fixtures.model(c, "v1", "active", 0);
        Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
      }
      URI direct = URI.create(db.url().substring("jdbc:".length()));
      try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort());
          PlayloopServer server =
              PlayloopServer.start(
                  TestServer.settings(
                      "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath(),
                      Map.of()))) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + server.port();
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicLong slowest503Millis = new AtomicLong();
        AtomicInteger acksAfterRestore = new AtomicInteger();
        AtomicBoolean restored = new AtomicBoolean();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int first = (t + 1) * 1_000_000;
          load.add(
              pool.submit(
                  () -> {
                    for (int user = first; running.get(); user++) {
                      String body =
                          "{\"user_id\":"
                              + user
                              + ",\"like_playlist\":1,\"other_playlists\":[2,3]}";
                      long start = System.nanoTime();
                      HttpResponse<String> r;
                      try {
                        r =
                            http.send(
                                HttpRequest.newBuilder(URI.create(base + "/feedback"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString());
                      } catch (Exception e) {
                        failures.add("request failed: " + e);
                        continue;
                      }
                      long millis = (System.nanoTime() - start) / 1_000_000;
                      if (r.statusCode() == 200) {
                        acknowledged.add(user);
                        if (restored.get()) {
                          acksAfterRestore.incrementAndGet();
                        }
                      } else if (r.statusCode() == 503 && r.body().contains("\"error\"")) {
                        unavailable.incrementAndGet();
                        slowest503Millis.accumulateAndGet(millis, Math::max);
                      } else {
                        failures.add(r.statusCode() + " " + r.body());
                      }
                    }
                  }));
        }
        Eventually.within(
            Duration.ofSeconds(20), "acks before the cut", () -> acknowledged.size() > 150);
        proxy.cut();
        Eventually.within(Duration.ofSeconds(20), "503s while down", () -> unavailable.get() > 50);
        // Recommendations keep working from memory while PostgreSQL is away.
        HttpResponse<String> rec =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/playlist/recommend/"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user_ids\":[42]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rec.statusCode()).isEqualTo(200);
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(503);
        Thread.sleep(500);
        proxy.restore();
        restored.set(true);
        Eventually.within(
            Duration.ofSeconds(20), "recovery after restore", () -> acksAfterRestore.get() > 150);
        running.set(false);
        for (Future<?> f : load) {
          f.get();
        }
        pool.shutdown();

        assertThat(failures).isEmpty();
        // Refused quickly, not after the 10 s commit timeout (generous: the machine is shared).
        assertThat(slowest503Millis.get()).isLessThan(8000);
        Set<Integer> stored = new HashSet<>();
        try (Connection c = db.connect();
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT user_id FROM feedback")) {
          while (rs.next()) {
            stored.add(rs.getInt(1));
          }
        }
        Set<Integer> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored);
        assertThat(missing).as("acknowledged but not stored").isEmpty();
      }
    }
  }
}
