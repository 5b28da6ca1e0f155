package io.playloop.jobs.train;

import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Writes a hand-built training world (catalog, users, splits, user-blocks, val batches). */
public final class TrainingLake {
  private TrainingLake() {}

  /** Playlists 1..n, none owned, 20 songs each. */
  public static List<Row> catalog(int n) {
    List<Row> catalog = new java.util.ArrayList<>();
    for (int p = 1; p <= n; p++) {
      catalog.add(org.apache.spark.sql.RowFactory.create(p, null, "playlist " + p, 20));
    }
    return catalog;
  }

  public static void write(
      Path lakeDir,
      List<Row> catalog,
      List<Row> users,
      List<Row> splits,
      List<Row> blocks,
      List<Row> batches) {
    Lake lake = new Lake(SharedSpark.get(), lakeDir.toUri().toString());
    Map<LakeTable, List<Row>> tables = new LinkedHashMap<>();
    tables.put(LakeTable.PLAYLISTS, catalog);
    tables.put(LakeTable.USERS, users);
    tables.put(LakeTable.POSITIVES_SPLITS, splits);
    tables.put(LakeTable.TRIPLETS, blocks);
    tables.put(LakeTable.VAL_EVAL_BATCHES, batches);
    tables.forEach((t, rows) -> lake.overwrite(t, lake.spark().createDataFrame(rows, t.schema())));
  }
}
