package io.playloop.serving.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the server and PostgreSQL that a test can cut (every connection closed, new
 * ones refused) and restore on the same port: PostgreSQL "goes down" for the server only.
 */
final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;
  private final int port;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    acceptLoop(listener);
  }

  int port() {
    return port;
  }

  /** Closes every connection and refuses new ones. */
  synchronized void cut() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  /** Accepts connections again on the same port. */
  synchronized void restore() throws IOException {
    listener = listen(port);
    acceptLoop(listener);
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private void acceptLoop(ServerSocket server) {
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket client = server.accept();
                  Socket upstream = new Socket(targetHost, targetPort);
                  if (!register(server, client, upstream)) {
                    close(client);
                    close(upstream);
                    continue;
                  }
                  pump(client, upstream);
                  pump(upstream, client);
                } catch (IOException e) {
                  // closed by cut(), or the target refused: the client sees a closed socket
                }
              }
            },
            "tcp-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Keeps a new pair of sockets unless the listener that accepted it was cut while the upstream
   * connection was being made (on a busy machine that takes long enough for a cut to slip in, and
   * the pair would outlive it).
   */
  private synchronized boolean register(ServerSocket server, Socket client, Socket upstream) {
    if (server.isClosed()) {
      return false;
    }
    open.add(client);
    open.add(upstream);
    return true;
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  out.write(buf, 0, n);
                }
              } catch (IOException e) {
                // either side closed
              } finally {
                close(from);
                close(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void close(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
