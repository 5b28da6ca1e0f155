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

  /** A user's library from a simulated week on (only weeks where it changed). */
  static final StructType WEEKLY_LIBRARIES =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("week", DataTypes.IntegerType, false)
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

  /**
   * User ids in, (user_id, week, songs, exploration) out for each week 1..drift.weeks() in which
   * the user's taste moved: the weeks without a move repeat the previous week and are not stored.
   */
  static MapPartitionsFunction<Long, Row> weeklyLibraries(WorldModel model, Drift drift) {
    return ids -> {
      List<Row> out = new ArrayList<>();
      while (ids.hasNext()) {
        int u = ids.next().intValue();
        int before = 0;
        for (int week = 1; week <= drift.weeks(); week++) {
          int moves = model.moves(u, week, drift);
          if (moves != before) {
            WorldModel.Library lib = model.library(u, week, drift);
            out.add(RowFactory.create(u, week, boxed(lib.songs()), lib.exploration()));
            before = moves;
          }
        }
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
