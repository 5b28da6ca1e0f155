package io.playloop.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server speaks HTTPS from a keystore: a self-signed certificate made by keytool. */
class TlsTest {
  private static final String PASSWORD = "test-keystore-pw";

  @Test
  void servesHttpsWithASelfSignedCertificateAndNoPlainHttp(@TempDir Path dir) throws Exception {
    Path keystore = selfSigned(dir);
    Map<String, Object> tls =
        Map.of(
            "serving.tls.keystore", keystore.toString(), "serving.tls.keystore-password", PASSWORD);
    try (TestServer server =
        TestServer.start(c -> Fixtures.model(c, "v1", "active", 0), tls, List.of())) {
      assertThat(server.server().https()).isTrue();
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(trusting(keystore))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
      HttpResponse<String> feedback =
          client.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/feedback"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(feedback.statusCode()).isEqualTo(200);
      assertThat(server.count("SELECT count(*) FROM feedback")).isEqualTo(1);

      // Plain HTTP on the same port gets no answer from the API.
      int plain;
      try {
        plain = server.get("/health").status();
      } catch (IllegalStateException e) {
        plain = -1;
      }
      assertThat(plain).isNotEqualTo(200);
    }
  }

  @Test
  void aWrongKeystorePasswordStopsTheStartWithAMessage(@TempDir Path dir) throws Exception {
    Path keystore = selfSigned(dir);
    try (TestDatabase db = TestDatabase.create()) {
      ServingSettings settings =
          TestServer.settings(
              db.url(),
              Map.of(
                  "serving.tls.keystore",
                  keystore.toString(),
                  "serving.tls.keystore-password",
                  "wrong"));
      assertThatThrownBy(() -> PlayloopServer.start(settings).close())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot open the TLS keystore")
          .hasMessageContaining("PLAYLOOP_TLS_KEYSTORE_PASSWORD");
    }
  }

  /** A PKCS12 keystore with a self-signed certificate for localhost and 127.0.0.1. */
  static Path selfSigned(Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "playloop",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return keystore;
  }

  /** A client context that trusts exactly the keystore's certificate. */
  static SSLContext trusting(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", ks.getCertificate("playloop"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
