package io.playloop.jobs.models.algorithms.popularity;

import io.playloop.jobs.models.store.ModelDirectory;
import io.playloop.jobs.models.store.ModelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A popularity model on disk: the table popularity (playlist_id, score = positives). */
public final class PopularityFormat implements ModelFormat<PopularityModel> {
  static final String TABLE = "popularity";
  static final StructType SCORES =
      new StructType()
          .add("playlist_id", DataTypes.IntegerType, false)
          .add("score", DataTypes.FloatType, false);

  @Override
  public String algorithm() {
    return PopularityModel.ALGORITHM;
  }

  @Override
  public Class<PopularityModel> modelType() {
    return PopularityModel.class;
  }

  @Override
  public void write(PopularityModel model, ModelDirectory dir) {
    List<Row> rows = new ArrayList<>();
    float[] c = model.counts();
    for (int i = 0; i < c.length; i++) {
      rows.add(RowFactory.create(model.index().id(i), c[i]));
    }
    dir.write(TABLE, rows, SCORES);
  }

  @Override
  public PopularityModel read(ModelDirectory dir, Map<String, Object> params) {
    return PopularityModel.fromCounts(
        dir.read(TABLE).select("playlist_id", "score").collectAsList());
  }
}
