package io.playloop.serving.impressions;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes impressions as PostgreSQL binary COPY rows of {@code impression_requests}: one row per
 * request and model version; the user ids a binary int4[], the per-user counts and the playlists
 * packed bytes (PostgreSQL copies bytes, where it would parse array elements one by one). The
 * request thread encodes its own rows while their arrays are still in its cache; the writer only
 * concatenates them between {@link #HEADER} and {@link #TRAILER}.
 */
final class ImpressionCopyEncoder {
  /** The columns, in the order {@link #rows} writes them. */
  static final String COLUMNS = "request_id, model_version, user_ids, counts, playlists";

  /** Signature, flags (no OIDs), no header extension. */
  static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

  private static final int INT4_OID = 23;
  private static final short FIELDS = 5;
  private static final VarHandle BIG_ENDIAN_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] buf;
  private int len;

  private ImpressionCopyEncoder(int size) {
    buf = new byte[size];
  }

  /** The COPY rows of one request: one row, or one per version after a traffic split. */
  static byte[] rows(Impression imp) {
    byte[] requestId = imp.requestId().getBytes(StandardCharsets.UTF_8);
    String[] versions = imp.versions();
    if (allEqual(versions)) {
      String version = versions.length == 0 ? null : versions[0];
      byte[] v = utf8(version);
      ImpressionCopyEncoder e =
          new ImpressionCopyEncoder(
              rowSize(requestId, v, imp.users().length, imp.playlists().length));
      e.row(requestId, v, imp, version, true);
      return e.buf;
    }
    // A traffic split served this request from two versions: one row for each.
    String[] distinct = Arrays.stream(versions).distinct().toArray(String[]::new);
    int size = 0;
    for (String version : distinct) {
      int users = 0;
      int lists = 0;
      for (int i = 0; i < versions.length; i++) {
        if (Objects.equals(version, versions[i])) {
          users++;
          lists += imp.offsets()[i + 1] - imp.offsets()[i];
        }
      }
      size += rowSize(requestId, utf8(version), users, lists);
    }
    ImpressionCopyEncoder e = new ImpressionCopyEncoder(size);
    for (String version : distinct) {
      e.row(requestId, utf8(version), imp, version, false);
    }
    return e.buf;
  }

  private static int rowSize(byte[] requestId, byte[] version, int users, int lists) {
    return 2
        + 4
        + requestId.length
        + 4
        + (version == null ? 0 : version.length)
        + arraySize(users)
        + 4
        + 2 * users
        + 4
        + 4 * lists;
  }

  private static int arraySize(int n) {
    return 4 + (n == 0 ? 12 : 20 + 8 * n);
  }

  /** One row of the users served by {@code version}, or of all users. */
  private void row(
      byte[] requestId, byte[] versionBytes, Impression imp, String version, boolean all) {
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
    putShort(FIELDS);
    putInt(requestId.length);
    putBytes(requestId);
    if (versionBytes == null) {
      putInt(-1);
    } else {
      putInt(versionBytes.length);
      putBytes(versionBytes);
    }
    arrayHeader(count);
    for (int i = 0; i < users.length; i++) {
      if (all || Objects.equals(version, versions[i])) {
        putElement(users[i]);
      }
    }
    putInt(2 * count);
    for (int i = 0; i < users.length; i++) {
      if (all || Objects.equals(version, versions[i])) {
        putShort((short) (offsets[i + 1] - offsets[i]));
      }
    }
    putInt(4 * lists);
    for (int i = 0; i < users.length; i++) {
      if (all || Objects.equals(version, versions[i])) {
        for (int k = offsets[i]; k < offsets[i + 1]; k++) {
          putInt(playlists[k]);
        }
      }
    }
  }

  /** The field length and header of a one-dimensional int4[] of {@code n} elements. */
  private void arrayHeader(int n) {
    putInt(arraySize(n) - 4);
    putInt(n == 0 ? 0 : 1); // dimensions: an empty array has none
    putInt(0); // no NULL elements
    putInt(INT4_OID);
    if (n > 0) {
      putInt(n);
      putInt(1); // lower bound
    }
  }

  private void putElement(int value) {
    putInt(4);
    putInt(value);
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean allEqual(String[] versions) {
    for (int i = 1; i < versions.length; i++) {
      if (!Objects.equals(versions[0], versions[i])) {
        return false;
      }
    }
    return true;
  }

  private void putBytes(byte[] b) {
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void putShort(short v) {
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void putInt(int v) {
    BIG_ENDIAN_INT.set(buf, len, v);
    len += 4;
  }
}
