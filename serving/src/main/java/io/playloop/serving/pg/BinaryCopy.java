package io.playloop.serving.pg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, written into a byte array: PostgreSQL then copies values
 * instead of parsing text, which matters when it shares the server's cores.
 */
public final class BinaryCopy {
  /** Signature, flags (no OIDs), no header extension. */
  public static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** The field count -1 that ends the data. */
  public static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

  private static final int INT4_OID = 23;
  private static final int TEXT_OID = 25;
  private static final VarHandle BIG_ENDIAN_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buf;
  private int len;

  public BinaryCopy(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** The bytes of a one-dimensional int4[] of {@code n} elements, with its length word. */
  public static int int4ArraySize(int n) {
    return 4 + (n == 0 ? 12 : 20 + 8 * n);
  }

  public byte[] array() {
    return buf;
  }

  /** The bytes written, as an array of exactly that length (no copy when presized exactly). */
  public byte[] toByteArray() {
    return len == buf.length ? buf : Arrays.copyOf(buf, len);
  }

  public int length() {
    return len;
  }

  public void reset() {
    len = 0;
  }

  public BinaryCopy raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  public BinaryCopy raw(byte[] bytes, int from, int to) {
    ensure(to - from);
    System.arraycopy(bytes, from, buf, len, to - from);
    len += to - from;
    return this;
  }

  /**
   * The length word and header of a one-dimensional text[] of {@code n} elements whose UTF-8 bytes
   * total {@code textBytes}; each element follows as {@link #int4} length, then its bytes.
   */
  public BinaryCopy textArrayHeader(int n, int textBytes) {
    if (n == 0) {
      return int4(12).int4(0).int4(0).int4(TEXT_OID);
    }
    return int4(20 + 4 * n + textBytes).int4(1).int4(0).int4(TEXT_OID).int4(n).int4(1);
  }

  /** Sends the bytes written (header to trailer) with {@code copySql} on {@code c}. */
  public void copyIn(Connection c, String copySql) throws SQLException {
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      copy.writeToCopy(buf, 0, len);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** Starts a row of {@code fields} fields. */
  public BinaryCopy row(int fields) {
    return int2(fields);
  }

  /** An int4 field. */
  public BinaryCopy int4Field(int v) {
    return int4(4).int4(v);
  }

  /** A text field (null: SQL NULL). */
  public BinaryCopy textField(String s) {
    return bytesField(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  /** A uuid field (null: SQL NULL). */
  public BinaryCopy uuidField(java.util.UUID u) {
    if (u == null) {
      return int4(-1);
    }
    return int4(16).int8(u.getMostSignificantBits()).int8(u.getLeastSignificantBits());
  }

  /** A text or bytea field from its bytes (null: SQL NULL). */
  public BinaryCopy bytesField(byte[] b) {
    if (b == null) {
      return int4(-1);
    }
    return int4(b.length).raw(b);
  }

  /** An int4[] field of {@code values[from .. to)}. */
  public BinaryCopy int4ArrayField(int[] values, int from, int to) {
    int n = to - from;
    int4ArrayHeader(n);
    ensure(8 * n);
    for (int i = from; i < to; i++) {
      int4(4).int4(values[i]);
    }
    return this;
  }

  /** The length word and header of an int4[] field of {@code n} elements; elements follow. */
  public BinaryCopy int4ArrayHeader(int n) {
    int4(int4ArraySize(n) - 4);
    int4(n == 0 ? 0 : 1); // dimensions: an empty array has none
    int4(0); // no NULL elements
    int4(INT4_OID);
    if (n > 0) {
      int4(n);
      int4(1); // lower bound
    }
    return this;
  }

  /** One element of an int4[] (after {@link #int4ArrayHeader}). */
  public BinaryCopy int4Element(int v) {
    return int4(4).int4(v);
  }

  public BinaryCopy int2(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  public BinaryCopy int4(int v) {
    ensure(4);
    BIG_ENDIAN_INT.set(buf, len, v);
    len += 4;
    return this;
  }

  public BinaryCopy int8(long v) {
    return int4((int) (v >>> 32)).int4((int) v);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
