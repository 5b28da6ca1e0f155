package io.playloop.serving.model;

/** The hash of the server's open-addressing tables of int keys. */
public final class IntHash {
  private IntHash() {}

  /** Murmur3's finalizer: spreads sequential ids over a table. */
  public static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
