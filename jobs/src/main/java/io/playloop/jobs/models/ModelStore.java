package io.playloop.jobs.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained model in the lake under models/<model_version>: its factors or weights as Delta tables,
 * params.json and metrics.json (plain files that any reader can open).
 */
public final class ModelStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StructType FACTORS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
  private static final StructType SCORES =
      new StructType()
          .add("playlist_id", DataTypes.IntegerType, false)
          .add("score", DataTypes.FloatType, false);
  private static final StructType HISTORY =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("playlists", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  private final Lake lake;

  public ModelStore(Lake lake) {
    this.lake = lake;
  }

  /** Writes the model's tables first and the JSON files last: params.json marks it complete. */
  public void save(String version, Model model, Map<String, Object> metrics) throws IOException {
    String base = LakeTable.modelPath(version);
    saveAt(base, model);
    writeJson(base + "/metrics.json", metrics);
  }

  private void saveAt(String base, Model model) throws IOException {
    if (model instanceof PopularityModel p) {
      List<Row> rows = new ArrayList<>();
      float[] c = p.counts();
      for (int i = 0; i < c.length; i++) {
        rows.add(RowFactory.create(p.index().id(i), c[i]));
      }
      lake.overwrite(base + "/popularity", lake.spark().createDataFrame(rows, SCORES));
    } else if (model instanceof AlsModel a) {
      lake.overwrite(base + "/user_factors", factors(a.userIndex(), a.userFactors(), a.rank()));
      lake.overwrite(base + "/item_factors", factors(a.itemIndex(), a.itemFactors(), a.rank()));
    } else if (model instanceof EaseModel e) {
      int n = e.index().size();
      lake.overwrite(base + "/item_weights", factors(e.index(), e.weights(), n));
      List<Row> rows = new ArrayList<>();
      for (int u : e.history().users()) {
        rows.add(RowFactory.create(u, boxed(e.history().items(u))));
      }
      lake.overwrite(base + "/user_history", lake.spark().createDataFrame(rows, HISTORY));
    } else if (model instanceof BlendModel b) {
      for (int c = 0; c < b.components().size(); c++) {
        saveAt(base + "/components/" + c, b.components().get(c));
      }
    } else {
      throw new IllegalArgumentException("cannot save " + model.algorithm());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("algorithm", model.algorithm());
    params.put("params", model.params());
    writeJson(base + "/params.json", params);
  }

  /** Loads the model saved under {@code version}. */
  @SuppressWarnings("unchecked")
  public Model load(String version) throws IOException {
    String base = LakeTable.modelPath(version);
    try {
      return loadAt(base);
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException(
          "model version '" + version + "' is not in the lake (no " + base + "/params.json)");
    }
  }

  @SuppressWarnings("unchecked")
  private Model loadAt(String base) throws IOException {
    Map<String, Object> meta = readJson(base + "/params.json");
    String algorithm = (String) meta.get("algorithm");
    Map<String, Object> params = (Map<String, Object>) meta.get("params");
    return switch (algorithm) {
      case "popularity" ->
          PopularityModel.fromCounts(
              lake.read(base + "/popularity").select("playlist_id", "score").collectAsList());
      case "als" -> {
        int rank = ((Number) params.get("rank")).intValue();
        AlsTrainer.Factors users =
            AlsTrainer.Factors.collect(lake.read(base + "/user_factors"), rank);
        AlsTrainer.Factors items =
            AlsTrainer.Factors.collect(lake.read(base + "/item_factors"), rank);
        yield new AlsModel(
            users.index(), users.values(), items.index(), items.values(), rank, params);
      }
      case "ease" -> {
        Dataset<Row> w = lake.read(base + "/item_weights");
        int n = (int) w.count();
        AlsTrainer.Factors weights = AlsTrainer.Factors.collect(w, n);
        Map<Integer, int[]> hist = new HashMap<>();
        for (Row r : lake.read(base + "/user_history").collectAsList()) {
          List<Integer> items = r.getList(1);
          hist.put(r.getInt(0), items.stream().mapToInt(Integer::intValue).toArray());
        }
        yield new EaseModel(
            weights.index(),
            weights.values(),
            new UserHistory(hist),
            ((Number) params.get("lambda")).doubleValue());
      }
      case "blend" -> {
        List<Map<String, Object>> parts = (List<Map<String, Object>>) params.get("components");
        List<Model> components = new ArrayList<>();
        double[] weights = new double[parts.size()];
        double[] scales = new double[parts.size()];
        for (int c = 0; c < parts.size(); c++) {
          components.add(loadAt(base + "/components/" + c));
          weights[c] = ((Number) parts.get(c).get("weight")).doubleValue();
          scales[c] = ((Number) parts.get(c).get("scale")).doubleValue();
        }
        yield new BlendModel(components, weights, scales);
      }
      default ->
          throw new IllegalStateException(
              "the model at " + base + " has unknown algorithm " + algorithm);
    };
  }

  /** The metrics.json of a version. */
  public Map<String, Object> metrics(String version) throws IOException {
    return readJson(LakeTable.modelPath(version) + "/metrics.json");
  }

  private Dataset<Row> factors(IdIndex index, float[] values, int width) {
    List<Row> rows = new ArrayList<>(index.size());
    for (int i = 0; i < index.size(); i++) {
      Float[] f = new Float[width];
      for (int k = 0; k < width; k++) {
        f[k] = values[i * width + k];
      }
      rows.add(RowFactory.create(index.id(i), f));
    }
    return lake.spark().createDataFrame(rows, FACTORS);
  }

  private static Integer[] boxed(int[] a) {
    Integer[] out = new Integer[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  private void writeJson(String relative, Map<String, Object> value) throws IOException {
    Path p = new Path(lake.uri(relative));
    FileSystem fs = p.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(p, true)) {
      out.write(
          JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsString(value)
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readJson(String relative) throws IOException {
    Path p = new Path(lake.uri(relative));
    FileSystem fs = p.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
    try (InputStream in = fs.open(p)) {
      return JSON.readValue(in, Map.class);
    }
  }
}
