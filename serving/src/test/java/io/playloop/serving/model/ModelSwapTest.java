package io.playloop.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A new active version is picked up by the poll under load, with zero failed requests. */
class ModelSwapTest {
  private static final int USERS = 5000;

  @Test
  void swapsTheActiveVersionUnderLoadWithoutAFailedRequest() throws Exception {
    try (TestServer server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              Fixtures.syntheticRecommendations(c, "v1", USERS, 10, 0);
              Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
            })) {
      WeakReference<ModelSnapshot> old =
          new WeakReference<>(server.server().context().models().current().active());
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger ok = new AtomicInteger();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      ConcurrentHashMap<String, AtomicInteger> versions = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> load = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random random = new Random(t);
        load.add(
            pool.submit(
                () -> {
                  while (running.get()) {
                    int user = 1 + random.nextInt(USERS);
                    TestServer.Answer a =
                        server.postJson(
                            "/api/playlist/recommend/", "{\"user_ids\":[" + user + "]}");
                    if (a.status() != 200) {
                      failures.add(a.status() + " " + a.body());
                      continue;
                    }
                    JsonNode n = a.json().get(0);
                    String version = n.get("model_version").asText();
                    int offset = version.equals("v2") ? 3 : 0;
                    if (n.get("playlists").get(0).intValue()
                        != 100000 + ((user * 7 + 13 + offset) % 50000)) {
                      failures.add("list of " + version + " does not match for user " + user);
                    }
                    versions.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
                    ok.incrementAndGet();
                  }
                }));
      }
      Eventually.within(Duration.ofSeconds(10), "load running", () -> ok.get() > 200);
      server.sql(
          c -> {
            Fixtures.model(c, "v2", "candidate", 0);
            Fixtures.syntheticRecommendations(c, "v2", USERS, 10, 3);
            Fixtures.popular(c, "v2", 1, 2, 3, 4, 5);
            Fixtures.activate(c, "v2");
          });
      Eventually.within(
          Duration.ofSeconds(20),
          "v2 served",
          () -> versions.getOrDefault("v2", new AtomicInteger()).get() > 200);
      running.set(false);
      for (Future<?> f : load) {
        f.get();
      }
      pool.shutdown();

      assertThat(failures).isEmpty();
      assertThat(versions.get("v1").get()).isPositive();
      assertThat(server.server().context().models().current().active().version()).isEqualTo("v2");
      // The old snapshot is released once no request uses it.
      Eventually.within(
          Duration.ofSeconds(10),
          "old snapshot collected",
          () -> {
            System.gc();
            return old.get() == null;
          });
    }
  }
}
