package io.playloop.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A started server on a free port over its own fresh database, with a small HTTP client. */
public final class TestServer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final TestDatabase db;
  private final PlayloopServer server;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestServer(TestDatabase db, PlayloopServer server) {
    this.db = db;
    this.server = server;
  }

  /** The settings a test server uses: port 0, loopback, a fast model poll. */
  public static ServingSettings settings(String dbUrl, Map<String, Object> overrides) {
    Map<String, Object> all = new HashMap<>();
    all.put("db.url", dbUrl);
    all.put("serving.port", 0);
    all.put("serving.host", "127.0.0.1");
    all.put("serving.model-poll-seconds", 0.2);
    all.putAll(overrides);
    return ServingSettings.from(PlayloopConfig.load(null, all));
  }

  /** A server over a fresh database that {@code seed} fills before the server starts. */
  public static TestServer start(Fixtures.Seed seed) {
    return start(seed, Map.of(), List.of());
  }

  public static TestServer start(
      Fixtures.Seed seed, Map<String, Object> overrides, List<RouteModule> extra) {
    TestDatabase db = TestDatabase.create();
    try {
      try (Connection c = db.connect()) {
        seed.apply(c);
      }
      PlayloopServer server = PlayloopServer.start(settings(db.url(), overrides), extra);
      return new TestServer(db, server);
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw new IllegalStateException(e);
    }
  }

  public TestDatabase db() {
    return db;
  }

  public PlayloopServer server() {
    return server;
  }

  public int port() {
    return server.port();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** An HTTP answer. */
  public record Answer(int status, String body, String contentType) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public Answer postJson(String path, String body) {
    return post(path, "application/json", body, Map.of());
  }

  public Answer post(String path, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    return send(b.build());
  }

  /** Posts raw bytes (possibly not UTF-8) as JSON; {@code chunked} hides the length. */
  public Answer postBytes(String path, byte[] body, boolean chunked) {
    HttpRequest.BodyPublisher publisher =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body);
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(publisher)
            .build());
  }

  public Answer get(String path) {
    return get(path, Map.of());
  }

  public Answer get(String path, Map<String, String> headers) {
    return getAt(port(), path, headers);
  }

  /** A GET to another port of the server (the management port). */
  public Answer getAt(int port, String path, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    return send(b.build());
  }

  /** {@code Authorization: Bearer token}. */
  public static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  public Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a count query. */
  public long count(String sql) {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs statements against the server's database. */
  public void sql(Fixtures.Seed change) {
    try (Connection c = db.connect()) {
      change.apply(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      db.close();
    }
  }
}
