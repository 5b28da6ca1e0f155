package io.playloop.serving;

import io.playloop.serving.auth.CredentialsFile;
import io.playloop.serving.auth.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A credentials file in a temporary folder, made by the real minting code, with its tokens. */
public final class TestCredentials implements AutoCloseable {
  private final Path dir;
  private final Path file;
  private final Map<String, String> tokens = new HashMap<>();

  private TestCredentials(Path dir) {
    this.dir = dir;
    this.file = dir.resolve("credentials");
  }

  /** {@code clients}: "name=scope,scope" each. */
  public static TestCredentials create(String... clients) {
    try {
      TestCredentials c = new TestCredentials(Files.createTempDirectory("playloop-credentials"));
      for (String client : clients) {
        String[] kv = client.split("=", 2);
        c.add(kv[0], kv[1], false);
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds (or with {@code replace} rotates) a client's credential; returns its new token. */
  public String add(String client, String scopes, boolean replace) {
    try {
      String token = CredentialsFile.add(file, client, Scope.parseList(scopes), replace);
      tokens.put(client, token);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String token(String client) {
    return tokens.get(client);
  }

  public Path file() {
    return file;
  }

  /** The configuration override that points the server at this file. */
  public Map<String, Object> settings() {
    return Map.of("serving.auth.credentials-file", file.toString());
  }

  /** {@code base} plus {@code more} (later wins). */
  public static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
    Map<String, Object> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }

  @Override
  public void close() {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
