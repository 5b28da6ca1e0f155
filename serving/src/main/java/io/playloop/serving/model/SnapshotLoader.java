package io.playloop.serving.model;

import io.playloop.core.serving.ExplorationTableDefinition;
import io.playloop.core.serving.ServingTableDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Loads a model version's rows of the serving tables ({@link ServingTableDefinition}) and the
 * catalog's owners from PostgreSQL into primitive arrays. Uses COPY in text form: no boxed {@code
 * Integer[]} per row, about ten times faster than {@code ResultSet.getArray}.
 */
public final class SnapshotLoader {
  private final DataSource dataSource;

  public SnapshotLoader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The whole snapshot of {@code version}, without the playlists each user owns ({@code owners}):
   * filtered once here instead of on every request.
   */
  public ModelSnapshot load(String version, IntListMap owners) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      int users = 0;
      long entries = 0;
      try (PreparedStatement ps =
          c.prepareStatement(ServingTableDefinition.countRecommendations())) {
        ps.setString(1, version);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          users = rs.getInt(1);
          entries = rs.getLong(2);
        }
      }
      if (entries > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("model " + version + " has too many entries: " + entries);
      }
      IntListMap.Builder builder = new IntListMap.Builder(users, (int) entries);
      copyRows(c, ServingTableDefinition.copyUserListsOut(version), builder, false, owners);
      int[] popular = popular(c, version);
      ExplorationClusters exploration = exploration(c, version);
      double seconds = (System.nanoTime() - start) / 1e9;
      return ModelSnapshot.of(version, builder.build(), popular, exploration, seconds);
    }
  }

  /** Playlists per owner from the catalog ({@code playlists.owner_user_id}). */
  public IntListMap owners() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      IntListMap.Builder builder = new IntListMap.Builder();
      copyRows(
          c,
          "COPY (SELECT owner_user_id, playlist_id FROM playlists WHERE owner_user_id > 0"
              + " ORDER BY owner_user_id) TO STDOUT",
          builder,
          true,
          null);
      return builder.build();
    }
  }

  /**
   * The version's taste clusters ({@link ExplorationTableDefinition}); none for a version scored
   * before clusters existed.
   */
  private static ExplorationClusters exploration(Connection c, String version) throws SQLException {
    List<int[]> pools = new ArrayList<>();
    List<int[]> members = new ArrayList<>();
    CopyOut copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyOut(ExplorationTableDefinition.copyOut(version));
    try {
      byte[] row;
      while ((row = copy.readFromCopy()) != null) {
        // "cluster TAB {pool} TAB {members}"; clusters are numbered 0.. without gaps.
        int tab = indexOf(row, (byte) '\t', 0);
        int second = indexOf(row, (byte) '\t', tab + 1);
        pools.add(intArray(row, tab + 1, second));
        members.add(intArray(row, second + 1, row.length));
      }
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    if (pools.isEmpty()) {
      return ExplorationClusters.none();
    }
    long[] byPlaylist = new long[members.stream().mapToInt(m -> m.length).sum()];
    int n = 0;
    for (int cluster = 0; cluster < members.size(); cluster++) {
      for (int p : members.get(cluster)) {
        byPlaylist[n++] = ((long) p << 32) | cluster;
      }
    }
    Arrays.sort(byPlaylist);
    IntListMap.Builder clusterOf = new IntListMap.Builder(n, n);
    for (long pc : byPlaylist) {
      int playlist = (int) (pc >>> 32);
      if (!clusterOf.lastKeyIs(playlist)) { // a playlist in two clusters keeps the first
        clusterOf.startKey(playlist).add((int) pc);
      }
    }
    return new ExplorationClusters(pools.toArray(new int[0][]), clusterOf.build());
  }

  private static int indexOf(byte[] row, byte b, int from) {
    for (int i = from; i < row.length; i++) {
      if (row[i] == b) {
        return i;
      }
    }
    return row.length;
  }

  /** The ints of a text array "{1,2,3}" in {@code row[from..to)}. */
  private static int[] intArray(byte[] row, int from, int to) {
    int[] out = new int[8];
    int n = 0;
    int value = 0;
    boolean digits = false;
    for (int i = from; i < to; i++) {
      byte b = row[i];
      if (b >= '0' && b <= '9') {
        value = value * 10 + (b - '0');
        digits = true;
      } else if (digits) {
        if (n == out.length) {
          out = Arrays.copyOf(out, 2 * n);
        }
        out[n++] = value;
        value = 0;
        digits = false;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] popular(Connection c, String version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ServingTableDefinition.selectPopular())) {
      ps.setString(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        int[] out = new int[64];
        int n = 0;
        while (rs.next()) {
          if (n == out.length) {
            out = java.util.Arrays.copyOf(out, n * 2);
          }
          out[n++] = rs.getInt(1);
        }
        return java.util.Arrays.copyOf(out, n);
      }
    }
  }

  /**
   * Streams COPY text rows "key TAB value" (pairs, sorted by key) or "key TAB {v1,v2,...}" (one
   * list per key) into {@code builder}, leaving out the values {@code skip} (may be null) lists for
   * the same key.
   */
  private static void copyRows(
      Connection c, String sql, IntListMap.Builder builder, boolean pairs, IntListMap skip)
      throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    CopyOut copy = pg.getCopyAPI().copyOut(sql);
    try {
      byte[] row;
      while ((row = copy.readFromCopy()) != null) {
        int i = 0;
        int key = 0;
        while (row[i] != '\t') {
          key = key * 10 + (row[i++] - '0');
        }
        i++;
        if (pairs) {
          if (!builder.lastKeyIs(key)) {
            builder.startKey(key);
          }
          builder.add(parseInt(row, i));
          continue;
        }
        builder.startKey(key);
        int skipSlot = skip == null ? -1 : skip.slot(key);
        if (row[i] != '{') {
          continue; // NULL list: a user with nothing precomputed
        }
        i++;
        int value = 0;
        boolean digits = false;
        for (; i < row.length; i++) {
          byte b = row[i];
          if (b >= '0' && b <= '9') {
            value = value * 10 + (b - '0');
            digits = true;
          } else if (b == ',' || b == '}') {
            if (digits && (skipSlot < 0 || !skip.containsAt(skipSlot, value))) {
              builder.add(value);
            }
            value = 0;
            digits = false;
            if (b == '}') {
              break;
            }
          }
        }
      }
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static int parseInt(byte[] row, int i) {
    int v = 0;
    while (i < row.length && row[i] >= '0' && row[i] <= '9') {
      v = v * 10 + (row[i++] - '0');
    }
    return v;
  }
}
