package io.playloop.core.api;

/** The few JSON writing helpers the API records need (core has no JSON library). */
public final class ApiJson {
  private ApiJson() {}

  /** Appends {@code [1,2,3]}. */
  public static void appendInts(StringBuilder b, int[] values) {
    b.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values[i]);
    }
    b.append(']');
  }

  /** Appends a JSON string literal with the escapes JSON requires. */
  public static void appendString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
