package io.playloop.jobs.generate;

import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Builds the broadcast {@link WorldIndex} from the drawn libraries and playlists. */
final class WorldIndexes {
  private WorldIndexes() {}

  static WorldIndex build(
      Dataset<Row> libraries, Dataset<Row> playlists, GenerateSettings settings) {
    WorldSpec spec = settings.world();
    int[][] userSongs = new int[spec.users()][];
    double[] exploration = new double[spec.users()];
    Iterator<Row> it = libraries.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      int u = r.getInt(0);
      userSongs[u] = WorldTables.ints(r, 1);
      exploration[u] = r.getDouble(2);
    }
    int[][] playlistSongs = new int[spec.playlists()][];
    it = playlists.select("playlist_id", "songs").toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      playlistSongs[r.getInt(0)] = WorldTables.ints(r, 1);
    }
    Csr users = Csr.of(userSongs);
    Csr lists = Csr.of(playlistSongs);
    return new WorldIndex(
        spec.songs(),
        lists,
        users,
        exploration,
        lists.invertSampled(spec.songs(), settings.postingsPerSong(), spec.seed()),
        users.invertSampled(spec.songs(), settings.ownerPostings(), spec.seed() + 1));
  }
}
