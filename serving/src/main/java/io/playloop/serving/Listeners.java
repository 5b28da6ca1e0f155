package io.playloop.serving;

import io.javalin.http.Context;
import java.nio.file.Files;
import java.security.KeyStore;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's listening sockets: the main port and, when configured, the management port, both on
 * the configured host, both HTTPS when a keystore is configured.
 */
final class Listeners {
  static final String MAIN = "main";
  static final String MANAGEMENT = "management";

  private final ServingSettings settings;
  private final KeyStore keyStore;
  private volatile int managementLocalPort = -1;

  /** Opens the keystore now, if any: a wrong path or password stops the start with a message. */
  Listeners(ServingSettings settings) {
    this.settings = settings;
    this.keyStore = settings.tls() == null ? null : keyStore(settings.tls());
  }

  boolean separateManagement() {
    return settings.separateManagement();
  }

  boolean https() {
    return settings.tls() != null;
  }

  /** Whether the request came in on the management port. */
  boolean onManagementPort(Context ctx) {
    return ctx.req().getLocalPort() == managementLocalPort;
  }

  /** Remembers the management port's actual number (it may have been 0: any free port). */
  void started(Server server) {
    for (var c : server.getConnectors()) {
      if (MANAGEMENT.equals(c.getName()) && c instanceof NetworkConnector n) {
        managementLocalPort = n.getLocalPort();
      }
    }
  }

  int managementPort() {
    return managementLocalPort;
  }

  ServerConnector main(Server server, HttpConfiguration http) {
    return connector(server, http, MAIN, settings.port());
  }

  ServerConnector management(Server server, HttpConfiguration http) {
    return connector(server, http, MANAGEMENT, settings.managementPort());
  }

  private ServerConnector connector(Server server, HttpConfiguration http, String name, int port) {
    ServerConnector c;
    if (settings.tls() == null) {
      c = new ServerConnector(server, new HttpConnectionFactory(http));
    } else {
      HttpConfiguration secure = new HttpConfiguration(http);
      secure.setSecureScheme("https");
      // Clients often reach the server by IP address or through a proxy's name: no SNI check.
      secure.addCustomizer(new SecureRequestCustomizer(false));
      c =
          new ServerConnector(
              server,
              new SslConnectionFactory(sslContext(), "http/1.1"),
              new HttpConnectionFactory(secure));
    }
    c.setName(name);
    c.setHost(settings.host());
    c.setPort(port);
    return c;
  }

  private static KeyStore keyStore(ServingSettings.Tls tls) {
    try (var in = Files.newInputStream(tls.keystore())) {
      KeyStore ks =
          KeyStore.getInstance(tls.keystore().toString().endsWith(".jks") ? "JKS" : "PKCS12");
      ks.load(in, tls.password().toCharArray());
      return ks;
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "cannot open the TLS keystore "
              + tls.keystore()
              + " (is PLAYLOOP_TLS_KEYSTORE_PASSWORD right?): "
              + e.getMessage());
    }
  }

  private SslContextFactory.Server sslContext() {
    SslContextFactory.Server f = new SslContextFactory.Server();
    f.setKeyStore(keyStore);
    f.setKeyStorePassword(settings.tls().password());
    return f;
  }
}
