package io.playloop.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated bodies at both endpoints: never a 5xx, every rejection a JSON
 * error, and exactly one stored row per acknowledged feedback (none from a rejected request).
 */
class FuzzTest {
  private static final int BODIES_PER_ENDPOINT = 1200;
  private static final String[] SNIPPETS = {
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "-1",
    "0",
    "1e9",
    "99999999999",
    "\"x\"",
    "true",
    "\\u0000",
    "{\"a\":",
    "1.5",
    "\\",
    "\"user_id\":",
    "\"other_playlists\":[1,1]",
    "\u00e9",
    "\"like_playlist\":3",
    "[[[[[[[[",
    "]]]]",
    "\"user_ids\":[]",
    "NaN",
    "\n",
    "/*",
    "'"
  };
  private static final String[] FIELDS = {
    "user_ids",
    "user_id",
    "like_playlist",
    "other_playlists",
    "exclude_playlists",
    "request_id",
    "model_version",
    "x"
  };

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              Fixtures.recommendations(c, "v1", Map.of(1, new int[] {1, 2, 3, 4, 5, 6, 7}));
              Fixtures.popular(c, "v1", 10, 11, 12, 13, 14);
            });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void randomAndMutatedBodiesNeverCauseA5xxOrAStrayRow() throws Exception {
    AtomicInteger acceptedFeedback = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      long seed = 1000L + t;
      work.add(
          pool.submit(
              () -> {
                Random random = new Random(seed);
                for (int i = 0; i < BODIES_PER_ENDPOINT / 2; i++) {
                  for (String path : new String[] {"/api/playlist/recommend/", "/feedback"}) {
                    byte[] body = body(random, path);
                    TestServer.Answer a = server.postBytes(path, body, random.nextInt(10) == 0);
                    String problem = problem(path, a);
                    if (problem != null) {
                      failures.add(
                          problem + " for " + new String(body, StandardCharsets.ISO_8859_1));
                    }
                    if (a.status() == 200 && path.equals("/feedback")) {
                      acceptedFeedback.incrementAndGet();
                    } else if (a.status() != 200) {
                      rejected.incrementAndGet();
                    }
                  }
                }
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    assertThat(failures).isEmpty();
    // Both kinds must occur, or the fuzzer is not exercising anything.
    assertThat(acceptedFeedback.get()).isGreaterThan(50);
    assertThat(rejected.get()).isGreaterThan(BODIES_PER_ENDPOINT / 2);
    assertThat(server.count("SELECT count(*) FROM feedback")).isEqualTo(acceptedFeedback.get());
  }

  private static String problem(String path, TestServer.Answer a) {
    if (a.status() >= 500) {
      return "status " + a.status() + " " + a.body();
    }
    JsonNode json;
    try {
      json = TestServer.JSON.readTree(a.body());
    } catch (Exception e) {
      return "non-JSON answer " + a.status() + " " + a.body();
    }
    if (a.status() == 200) {
      boolean ok = path.equals("/feedback") ? json.has("msg") : json.isArray();
      return ok ? null : "unexpected 200 body " + a.body();
    }
    if (!List.of(400, 413, 415).contains(a.status()) || !json.has("error")) {
      return "unexpected rejection " + a.status() + " " + a.body();
    }
    String error = json.get("error").asText();
    return error.contains("Exception") || error.contains("\tat ") ? "leaks " + error : null;
  }

  static byte[] body(Random random, String path) {
    String base;
    if (random.nextInt(4) == 0) {
      base = randomObject(random, 0);
    } else if (path.equals("/feedback")) {
      int like = 1 + random.nextInt(20);
      base =
          "{\"user_id\":"
              + (1 + random.nextInt(1000))
              + ",\"like_playlist\":"
              + like
              + ",\"other_playlists\":["
              + (like + 1)
              + ","
              + (like + 2)
              + "]"
              + (random.nextBoolean() ? ",\"request_id\":\"r" + random.nextInt(99) + "\"" : "")
              + "}";
    } else {
      base = "{\"user_ids\":[" + (1 + random.nextInt(5)) + "," + (1 + random.nextInt(5)) + "]}";
    }
    byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
    int mutations = random.nextInt(4); // 0: the valid base body
    for (int m = 0; m < mutations && bytes.length > 0; m++) {
      bytes = mutate(random, bytes);
    }
    return bytes;
  }

  private static byte[] mutate(Random random, byte[] in) {
    int at = random.nextInt(in.length);
    String s = new String(in, StandardCharsets.ISO_8859_1);
    switch (random.nextInt(6)) {
      case 0 -> {
        byte[] out = in.clone();
        out[at] = (byte) random.nextInt(256);
        return out;
      }
      case 1 -> {
        int end = Math.min(in.length, at + 1 + random.nextInt(6));
        return (s.substring(0, at) + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
      }
      case 2 -> {
        String snippet = SNIPPETS[random.nextInt(SNIPPETS.length)];
        return (s.substring(0, at) + snippet + s.substring(at)).getBytes(StandardCharsets.UTF_8);
      }
      case 3 -> {
        return s.substring(0, at).getBytes(StandardCharsets.ISO_8859_1);
      }
      case 4 -> {
        int end = Math.min(in.length, at + 1 + random.nextInt(10));
        return (s.substring(0, end) + s.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
      }
      default -> {
        return s.replaceFirst("[0-9]+", Long.toString(random.nextLong() % 5_000_000_000L))
            .getBytes(StandardCharsets.ISO_8859_1);
      }
    }
  }

  private static String randomObject(Random random, int depth) {
    StringBuilder b = new StringBuilder("{");
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('"').append(FIELDS[random.nextInt(FIELDS.length)]).append("\":");
      b.append(randomValue(random, depth + 1));
    }
    return b.append('}').toString();
  }

  private static String randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 5 : 7);
    return switch (kind) {
      case 0 -> Integer.toString(random.nextInt(200) - 20);
      case 1 -> "\"s" + random.nextInt(100) + "\"";
      case 2 -> random.nextBoolean() ? "null" : "true";
      case 3 -> Double.toString(random.nextDouble() * 10);
      case 4 -> Long.toString(random.nextLong());
      case 5 -> {
        StringBuilder b = new StringBuilder("[");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
          b.append(i > 0 ? "," : "")
              .append(
                  random.nextInt(4) == 0
                      ? randomValue(random, depth + 1)
                      : Integer.toString(random.nextInt(30) + 1));
        }
        yield b.append(']').toString();
      }
      default -> randomObject(random, depth);
    };
  }
}
