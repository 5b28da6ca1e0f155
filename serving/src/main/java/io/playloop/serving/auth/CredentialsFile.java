package io.playloop.serving.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The credentials file: one {@code client scopes sha256:<hex>} line per credential ({@code #}
 * comments and blank lines allowed). Tokens are random (256 bits), so their plain SHA-256 is a safe
 * thing to store; the file never holds a token.
 */
public final class CredentialsFile {
  /** Every token starts with this, so that a leaked one is easy to recognise and search for. */
  public static final String TOKEN_PREFIX = "plt_";

  private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private CredentialsFile() {}

  /** A new random token. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // One digest per thread: looking the algorithm up costs more than hashing a token.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  /** SHA-256 of the token's UTF-8 bytes. */
  public static byte[] hash(String token) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    return sha.digest(token.getBytes(StandardCharsets.UTF_8));
  }

  /** The credentials in {@code text}; an {@link IllegalArgumentException} names a bad line. */
  public static List<Credential> parse(String text) {
    List<Credential> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      String where = "line " + (i + 1) + ": ";
      if (f.length != 3) {
        throw new IllegalArgumentException(
            where + "expected 'client scopes sha256:<hex>', got " + f.length + " fields");
      }
      if (!CLIENT.matcher(f[0]).matches()) {
        throw new IllegalArgumentException(where + "bad client name (letters, digits, . _ -)");
      }
      Set<Scope> scopes;
      try {
        scopes = Scope.parseList(f[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage());
      }
      if (!f[2].startsWith("sha256:") || f[2].length() != 7 + 64) {
        throw new IllegalArgumentException(where + "the hash must be sha256: and 64 hex digits");
      }
      byte[] hash;
      try {
        hash = HEX.parseHex(f[2].substring(7));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "the hash must be sha256: and 64 hex digits");
      }
      out.add(new Credential(f[0], scopes, hash));
    }
    return out;
  }

  /** The file's line for {@code credential}. */
  public static String line(Credential credential) {
    return credential.client()
        + " "
        + Scope.format(credential.scopes())
        + " sha256:"
        + HEX.formatHex(credential.tokenHash());
  }

  /** Reads and parses {@code file}; messages name the file. */
  public static List<Credential> read(Path file) {
    try {
      return parse(file, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read credentials file " + file + ": " + e);
    }
  }

  /** Parses {@code bytes} read from {@code file}; messages name the file. */
  static List<Credential> parse(Path file, byte[] bytes) {
    try {
      return parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("credentials file " + file + ", " + e.getMessage());
    }
  }

  /**
   * Adds a credential for {@code client} and returns its token (shown once, stored nowhere). With
   * {@code replace}, the client's older credentials go (a rotation). The file is rewritten through
   * a temporary file and a rename, so a running server never reads half of it; a new file is
   * readable by its owner only.
   */
  public static String add(Path file, String client, Set<Scope> scopes, boolean replace)
      throws IOException {
    if (!CLIENT.matcher(client).matches()) {
      throw new IllegalArgumentException(
          "client name must be 1 to 64 letters, digits, '.', '_' or '-', got '" + client + "'");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("give at least one scope: read, feedback or admin");
    }
    List<String> kept = new ArrayList<>();
    if (Files.exists(file)) {
      read(file); // refuse to append to a file the server would not accept
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.strip().split("\\s+");
        boolean own = !line.strip().startsWith("#") && f.length == 3 && f[0].equals(client);
        if (!(replace && own)) {
          kept.add(line);
        }
      }
    } else {
      kept.add("# Playloop credentials: client scopes sha256:<token hash>. One client a line.");
    }
    String token = newToken();
    kept.add(line(new Credential(client, scopes, hash(token))));
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".credentials", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own permissions apply
      }
      Files.write(tmp, kept, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return token;
  }
}
