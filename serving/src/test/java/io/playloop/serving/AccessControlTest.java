package io.playloop.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server with a credentials file: each route needs its scope; tokens rotate while it runs. */
class AccessControlTest {
  private static final String LIKE = "{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3]}";
  private static final String RECOMMEND = "{\"user_ids\":[1]}";

  private static TestCredentials credentials;
  private static TestServer server;

  @BeforeAll
  static void start() {
    credentials =
        TestCredentials.create("reader=read", "liker=feedback", "ops=admin,read", "rotated=read");
    server =
        TestServer.start(
            c -> {
              Fixtures.model(c, "v1", "active", 0);
              Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
            },
            credentials.settings(),
            List.of());
  }

  @AfterAll
  static void stop() {
    server.close();
    credentials.close();
  }

  private static Map<String, String> as(String client) {
    return TestServer.bearer(credentials.token(client));
  }

  private static TestServer.Answer post(String path, String body, Map<String, String> headers) {
    return server.post(path, "application/json", body, headers);
  }

  @Test
  void withoutATokenOnlyLivenessAndThePageFilesAnswer() {
    assertThat(server.get("/health").status()).isEqualTo(200);
    assertThat(server.get("/").status()).isEqualTo(200);
    assertThat(server.get("/page/app.js").status()).isEqualTo(200);
    for (String path : List.of("/ready", "/metrics", "/dashboard", "/api/playlists?ids=1")) {
      TestServer.Answer a = server.get(path);
      assertThat(a.status()).as(path).isEqualTo(401);
      assertThat(a.json().get("error").asText()).contains("credentials required");
    }
    assertThat(post("/api/playlist/recommend/", RECOMMEND, Map.of()).status()).isEqualTo(401);
    assertThat(post("/feedback", LIKE, Map.of()).status()).isEqualTo(401);
    assertThat(post("/admin/reload-model", "{}", Map.of()).status()).isEqualTo(401);
    assertThat(server.count("SELECT count(*) FROM feedback WHERE user_id = 1")).isZero();
  }

  @Test
  void anUnknownTokenOrAnotherSchemeIs401() {
    TestServer.Answer a = server.get("/ready", TestServer.bearer("plt_not-a-real-token"));
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.json().get("error").asText()).contains("unknown or revoked token");
    assertThat(server.get("/ready", Map.of("Authorization", "Basic b3BzOnB3")).status())
        .isEqualTo(401);
    // The hash of a token is not a token.
    String line = readFile().lines().filter(l -> l.startsWith("reader ")).findFirst().orElseThrow();
    String hash = line.substring(line.indexOf("sha256:") + 7);
    assertThat(server.get("/ready", TestServer.bearer(hash)).status()).isEqualTo(401);
    assertThat(readFile()).doesNotContain(credentials.token("reader"));
  }

  @Test
  void eachRouteNeedsItsScopeAndAWrongOneIs403() {
    TestServer.Answer denied = post("/api/playlist/recommend/", RECOMMEND, as("liker"));
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().get("error").asText())
        .isEqualTo("client 'liker' lacks the read scope this route needs (it has: feedback)");
    assertThat(post("/api/playlist/recommend/", RECOMMEND, as("reader")).status()).isEqualTo(200);
    assertThat(server.get("/api/playlists?ids=1", as("reader")).status()).isEqualTo(200);
    assertThat(server.get("/ready", as("reader")).status()).isEqualTo(200);
    assertThat(server.get("/metrics", as("reader")).status()).isEqualTo(200);
    assertThat(server.get("/dashboard", as("reader")).status()).isEqualTo(200);
    assertThat(server.get("/metrics", as("liker")).status()).isEqualTo(403);

    assertThat(post("/feedback", LIKE, as("reader")).status()).isEqualTo(403);
    assertThat(server.count("SELECT count(*) FROM feedback WHERE user_id = 1")).isZero();
    assertThat(post("/feedback", LIKE, as("liker")).status()).isEqualTo(200);
    assertThat(server.count("SELECT count(*) FROM feedback WHERE user_id = 1")).isEqualTo(1);

    assertThat(post("/admin/reload-model", "{}", as("reader")).status()).isEqualTo(403);
    assertThat(post("/admin/reload-model", "{}", as("ops")).status()).isEqualTo(200);
  }

  @Test
  void aRotatedTokenReplacesTheOldOneWithoutARestart() {
    String old = credentials.token("rotated");
    assertThat(server.get("/ready", TestServer.bearer(old)).status()).isEqualTo(200);
    String fresh = credentials.add("rotated", "read", true);
    String added = credentials.add("newcomer", "read", false);
    Eventually.within(
        Duration.ofSeconds(5),
        "the new token accepted and the old one refused",
        () ->
            server.get("/ready", TestServer.bearer(fresh)).status() == 200
                && server.get("/ready", TestServer.bearer(added)).status() == 200
                && server.get("/ready", TestServer.bearer(old)).status() == 401);
    assertThat(server.get("/ready", as("reader")).status()).isEqualTo(200);
  }

  @Test
  void aBrokenFileKeepsTheCredentialsAlreadyLoaded() throws Exception {
    String before = readFile();
    try {
      Files.writeString(credentials.file(), before + "broken line\n");
      Thread.sleep(2500); // the file is checked every second
      assertThat(server.get("/ready", as("ops")).status()).isEqualTo(200);
    } finally {
      Files.writeString(credentials.file(), before);
    }
  }

  private static String readFile() {
    try {
      return Files.readString(credentials.file());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
