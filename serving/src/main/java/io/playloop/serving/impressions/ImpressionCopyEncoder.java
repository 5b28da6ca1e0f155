package io.playloop.serving.impressions;

import io.playloop.serving.pg.BinaryCopy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes impressions as PostgreSQL binary COPY rows of {@code impression_batches}. The request
 * thread encodes its own {@link Part} while the request's arrays are in its cache; the writer joins
 * the parts of many requests (of one model version) into rows of about {@link #ROW_BYTES}: a few
 * tuples for thousands of users instead of a tuple per user.
 */
final class ImpressionCopyEncoder {
  /** The columns, in the order {@link #write} writes them. */
  static final String COLUMNS =
      "model_version, request_ids, request_sizes, user_ids, counts, playlists, explore_counts,"
          + " explore_positions, propensities";

  /** Rows are filled up to about this size: under PostgreSQL's 8 KB page, stored inline. */
  static final int ROW_BYTES = 7_800;

  private static final int FIELDS = 9;

  private static final int FLOAT4_OID = 700;
  private static final byte[] ZEROS = new byte[256];

  /**
   * One request's users served by one model version: {@code data} holds the user ids as int4[]
   * elements up to {@code countsAt}, then 2 bytes per user (their playlist counts) up to {@code
   * playlistsAt}, then 4 bytes per served playlist. {@code explore} is null when no position was
   * explored, else 1 byte per user (how many of its positions were explored), then per explored
   * position its 1-based number (1 byte), then the propensities (4 bytes each, float bits).
   */
  record Part(
      String version,
      byte[] requestId,
      int users,
      byte[] data,
      int countsAt,
      int playlistsAt,
      byte[] explore,
      int exploredPositions) {
    /** Memory held while queued (the queue's budget counts this). */
    int bytes() {
      return data.length + requestId.length + (explore == null ? 0 : explore.length) + 64;
    }
  }

  private ImpressionCopyEncoder() {}

  /** The parts of one request: one, or one per version after a traffic split. */
  static List<Part> parts(Impression imp) {
    byte[] requestId = imp.requestId().getBytes(StandardCharsets.UTF_8);
    String[] versions = imp.versions();
    if (allEqual(versions)) {
      return List.of(part(imp, requestId, versions.length == 0 ? null : versions[0], true));
    }
    List<Part> parts = new ArrayList<>(2);
    for (String version : Arrays.stream(versions).distinct().toList()) {
      parts.add(part(imp, requestId, version, false));
    }
    return parts;
  }

  private static Part part(Impression imp, byte[] requestId, String version, boolean all) {
    int[] users = imp.users();
    int[] offsets = imp.offsets();
    int[] playlists = imp.playlists();
    String[] versions = imp.versions();
    int count = 0;
    int lists = 0;
    for (int i = 0; i < users.length; i++) {
      if (all || Objects.equals(version, versions[i])) {
        count++;
        lists += offsets[i + 1] - offsets[i];
      }
    }
    BinaryCopy out = new BinaryCopy(8 * count + 2 * count + 4 * lists);
    for (int i = 0; i < users.length; i++) {
      if (all || Objects.equals(version, versions[i])) {
        out.int4Element(users[i]);
      }
    }
    int countsAt = out.length();
    for (int i = 0; i < users.length; i++) {
      if (all || Objects.equals(version, versions[i])) {
        out.int2(offsets[i + 1] - offsets[i]);
      }
    }
    int playlistsAt = out.length();
    for (int i = 0; i < users.length; i++) {
      if (all || Objects.equals(version, versions[i])) {
        for (int k = offsets[i]; k < offsets[i + 1]; k++) {
          out.int4(playlists[k]);
        }
      }
    }
    byte[] explore = null;
    int positions = 0;
    if (imp.explores()) {
      byte[] explored = imp.explored();
      for (int i = 0; i < users.length; i++) {
        if (all || Objects.equals(version, versions[i])) {
          positions += explored[i];
        }
      }
      if (positions > 0) {
        explore = explore(imp, version, all, count, positions);
      }
    }
    return new Part(
        version, requestId, count, out.toByteArray(), countsAt, playlistsAt, explore, positions);
  }

  private static byte[] explore(
      Impression imp, String version, boolean all, int users, int positions) {
    byte[] explored = imp.explored();
    int[] offsets = imp.offsets();
    float[] propensities = imp.propensities();
    String[] versions = imp.versions();
    byte[] out = new byte[users + 5 * positions];
    int u = 0;
    int p = users;
    int f = users + positions;
    for (int i = 0; i < explored.length; i++) {
      if (!all && !Objects.equals(version, versions[i])) {
        continue;
      }
      int e = explored[i];
      out[u++] = (byte) e;
      int n = offsets[i + 1] - offsets[i];
      for (int k = 0; k < n && e > 0; k++) {
        float propensity = propensities[offsets[i] + k];
        if (!(propensity > 0)) {
          continue;
        }
        e--;
        out[p++] = (byte) (k + 1);
        int bits = Float.floatToIntBits(propensity);
        out[f++] = (byte) (bits >>> 24);
        out[f++] = (byte) (bits >>> 16);
        out[f++] = (byte) (bits >>> 8);
        out[f++] = (byte) bits;
      }
    }
    return out;
  }

  /**
   * The whole COPY stream for {@code parts} into {@code out}: the parts of each model version
   * joined into rows of about {@link #ROW_BYTES} (a part bigger than that is a row of its own).
   */
  static void write(List<Part> parts, BinaryCopy out) {
    out.reset();
    out.raw(BinaryCopy.HEADER);
    Map<String, List<Part>> byVersion = new LinkedHashMap<>();
    for (Part p : parts) {
      byVersion.computeIfAbsent(p.version(), v -> new ArrayList<>()).add(p);
    }
    for (Map.Entry<String, List<Part>> e : byVersion.entrySet()) {
      List<Part> group = e.getValue();
      int from = 0;
      int size = 0;
      for (int i = 0; i < group.size(); i++) {
        int partSize = group.get(i).bytes() - 64 + 6;
        if (i > from && size + partSize > ROW_BYTES) {
          row(e.getKey(), group.subList(from, i), out);
          from = i;
          size = 0;
        }
        size += partSize;
      }
      row(e.getKey(), group.subList(from, group.size()), out);
    }
    out.raw(BinaryCopy.TRAILER);
  }

  private static void row(String version, List<Part> parts, BinaryCopy out) {
    int users = 0;
    int textBytes = 0;
    int playlistBytes = 0;
    for (Part p : parts) {
      users += p.users();
      textBytes += p.requestId().length;
      playlistBytes += p.data().length - p.playlistsAt();
    }
    out.row(FIELDS).textField(version);
    out.textArrayHeader(parts.size(), textBytes);
    for (Part p : parts) {
      out.int4(p.requestId().length).raw(p.requestId());
    }
    out.int4(2 * parts.size()); // request_sizes: 2 bytes per request
    for (Part p : parts) {
      out.int2(p.users());
    }
    out.int4ArrayHeader(users);
    for (Part p : parts) {
      out.raw(p.data(), 0, p.countsAt());
    }
    out.int4(2 * users); // counts: 2 bytes per user
    for (Part p : parts) {
      out.raw(p.data(), p.countsAt(), p.playlistsAt());
    }
    out.int4(playlistBytes); // playlists: 4 bytes per playlist
    for (Part p : parts) {
      out.raw(p.data(), p.playlistsAt(), p.data().length);
    }
    exploration(parts, users, out);
  }

  /** explore_counts, explore_positions and propensities: three NULLs when nothing explored. */
  private static void exploration(List<Part> parts, int users, BinaryCopy out) {
    int positions = 0;
    for (Part p : parts) {
      positions += p.exploredPositions();
    }
    if (positions == 0) {
      out.int4(-1).int4(-1).int4(-1);
      return;
    }
    out.int4(users); // explore_counts: 1 byte per user
    for (Part p : parts) {
      if (p.explore() != null) {
        out.raw(p.explore(), 0, p.users());
      } else {
        for (int left = p.users(); left > 0; left -= ZEROS.length) {
          out.raw(ZEROS, 0, Math.min(left, ZEROS.length));
        }
      }
    }
    out.int4(positions); // explore_positions: 1 byte per explored position
    for (Part p : parts) {
      if (p.explore() != null) {
        out.raw(p.explore(), p.users(), p.users() + p.exploredPositions());
      }
    }
    // propensities: a one-dimensional float4[] without NULLs
    out.int4(20 + 8 * positions).int4(1).int4(0).int4(FLOAT4_OID).int4(positions).int4(1);
    for (Part p : parts) {
      if (p.explore() != null) {
        int at = p.users() + p.exploredPositions();
        for (int k = 0; k < p.exploredPositions(); k++) {
          out.int4(4).raw(p.explore(), at + 4 * k, at + 4 * k + 4);
        }
      }
    }
  }

  private static boolean allEqual(String[] versions) {
    for (int i = 1; i < versions.length; i++) {
      if (!Objects.equals(versions[0], versions[i])) {
        return false;
      }
    }
    return true;
  }
}
