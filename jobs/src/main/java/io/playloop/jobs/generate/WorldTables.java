package io.playloop.jobs.generate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Draws the users' libraries and the playlists' songs on executors, by id ranges. */
final class WorldTables {
  static final StructType LIBRARIES =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("songs", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("exploration", DataTypes.DoubleType, false);

  static final StructType PLAYLISTS =
      new StructType()
          .add("playlist_id", DataTypes.IntegerType, false)
          .add("songs", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("name", DataTypes.StringType, false);

  private WorldTables() {}

  /** User ids in, (user_id, songs, exploration) out. */
  static MapPartitionsFunction<Long, Row> libraries(WorldModel model) {
    return ids -> {
      List<Row> out = new ArrayList<>();
      while (ids.hasNext()) {
        int u = ids.next().intValue();
        WorldModel.Library lib = model.library(u);
        out.add(RowFactory.create(u, boxed(lib.songs()), lib.exploration()));
      }
      return out.iterator();
    };
  }

  /** Playlist ids in, (playlist_id, songs, name) out. */
  static MapPartitionsFunction<Long, Row> playlists(WorldModel model) {
    return ids -> {
      List<Row> out = new ArrayList<>();
      while (ids.hasNext()) {
        int p = ids.next().intValue();
        WorldModel.PlaylistDraw draw = model.playlist(p);
        String name = PlaylistNames.name(model.spec().seed(), p, draw.mainCluster());
        out.add(RowFactory.create(p, boxed(draw.songs()), name));
      }
      return out.iterator();
    };
  }

  static Integer[] boxed(int[] a) {
    Integer[] out = new Integer[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /** Reads an array<int> column back into ints. */
  static int[] ints(Row row, int field) {
    List<Integer> list = row.getList(field);
    int[] out = new int[list.size()];
    Iterator<Integer> it = list.iterator();
    for (int i = 0; i < out.length; i++) {
      out[i] = it.next();
    }
    return out;
  }
}
