package io.playloop.serving.model;

/**
 * Picks a user's playlists: the model's precomputed list minus what the user owns, already liked or
 * asked to exclude, topped up from the popularity list under the same filters.
 */
public final class Recommender {
  private final LikedPlaylists liked;

  public Recommender(LikedPlaylists liked) {
    this.liked = liked;
  }

  /**
   * Writes up to {@code out.length} playlists for {@code user} into {@code out}; returns how many,
   * negated minus one when the popularity list supplied the start (a fallback user). {@code
   * excludeSorted} must be sorted ascending.
   */
  public int recommend(
      ModelSnapshot snapshot, IntListMap owners, int user, int[] excludeSorted, int[] out) {
    int[] likes = liked.of(user);
    int n = 0;
    IntListMap recs = snapshot.recommendations();
    int row = recs.row(user);
    boolean fallback = row < 0 || recs.start(row) == recs.end(row);
    if (!fallback) {
      int[] values = recs.values();
      for (int i = recs.start(row), end = recs.end(row); i < end && n < out.length; i++) {
        int p = values[i];
        if (allowed(p, likes, owners, -1, excludeSorted) && !in(out, n, p)) {
          out[n++] = p;
        }
      }
      if (n == out.length) {
        return n;
      }
    }
    int ownerRow = owners.row(user);
    int[] popular = snapshot.popular();
    for (int i = 0; i < popular.length && n < out.length; i++) {
      int p = popular[i];
      if (allowed(p, likes, owners, ownerRow, excludeSorted) && !in(out, n, p)) {
        out[n++] = p;
      }
    }
    return fallback ? -n - 1 : n;
  }

  private static boolean allowed(
      int p, int[] likes, IntListMap owners, int ownerRow, int[] excludeSorted) {
    for (int l : likes) {
      if (l == p) {
        return false;
      }
    }
    if (ownerRow >= 0) {
      int[] values = owners.values();
      for (int i = owners.start(ownerRow), end = owners.end(ownerRow); i < end; i++) {
        if (values[i] == p) {
          return false;
        }
      }
    }
    return excludeSorted.length == 0 || java.util.Arrays.binarySearch(excludeSorted, p) < 0;
  }

  private static boolean in(int[] out, int n, int p) {
    for (int i = 0; i < n; i++) {
      if (out[i] == p) {
        return true;
      }
    }
    return false;
  }
}
