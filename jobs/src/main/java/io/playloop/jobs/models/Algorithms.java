package io.playloop.jobs.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rankers Playloop trains: popularity, ALS (implicit) and EASE, with budgeted grids. */
public final class Algorithms {
  /** EASE keeps a dense item x item matrix: beyond this many items it is skipped. */
  public static final int EASE_MAX_ITEMS = 6000;

  private Algorithms() {}

  /** Every algorithm, by name. */
  public static List<Algorithm> all() {
    return List.of(new Popularity(), new Als(), new Ease());
  }

  /** The named algorithms, in the given order; unknown names are an error. */
  public static List<Algorithm> named(List<String> names) {
    List<Algorithm> out = new ArrayList<>();
    for (String n : names) {
      out.add(
          all().stream()
              .filter(a -> a.name().equals(n.trim()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown algorithm '" + n + "' (known: popularity, als, ease)")));
    }
    return out;
  }

  /** ALS whose grid cells all use {@code iterations} (quick runs, speed benchmarks). */
  public static Algorithm alsWithIterations(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("ALS iterations must be at least 1");
    }
    return new Als() {
      @Override
      public List<Map<String, Object>> grid() {
        return super.grid().stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>(c);
                  m.put("iterations", iterations);
                  return m;
                })
            .toList();
      }
    };
  }

  static Map<String, Object> cell(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static double num(Map<String, Object> p, String key) {
    Object v = p.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("parameter " + key + " missing or not a number: " + v);
    }
    return n.doubleValue();
  }

  /** Positives per item. */
  static final class Popularity implements Algorithm {
    @Override
    public String name() {
      return "popularity";
    }

    @Override
    public List<Map<String, Object>> grid() {
      return List.of(cell());
    }

    @Override
    public boolean applicable(TrainingInput input) {
      return true;
    }

    @Override
    public Model fit(TrainingInput input, Map<String, Object> params, long seed) {
      if (input.history() != null) {
        return PopularityModel.fit(input.history());
      }
      return PopularityModel.fromCounts(
          input.positives().groupBy("playlist_id").count().collectAsList());
    }
  }

  /** Spark MLlib ALS, implicit feedback. */
  static class Als implements Algorithm {
    @Override
    public String name() {
      return "als";
    }

    @Override
    public List<Map<String, Object>> grid() {
      List<Map<String, Object>> g = new ArrayList<>();
      g.add(cell("rank", 32, "reg", 0.1, "alpha", 1.0, "iterations", 15, "negative_weight", 1.0));
      g.add(cell("rank", 64, "reg", 1.0, "alpha", 1.0, "iterations", 15, "negative_weight", 1.0));
      g.add(cell("rank", 64, "reg", 0.1, "alpha", 5.0, "iterations", 15, "negative_weight", 1.0));
      g.add(cell("rank", 16, "reg", 0.1, "alpha", 1.0, "iterations", 15, "negative_weight", 1.0));
      return g;
    }

    @Override
    public boolean applicable(TrainingInput input) {
      return true;
    }

    @Override
    public Model fit(TrainingInput input, Map<String, Object> params, long seed) {
      AlsTrainer.Params p =
          new AlsTrainer.Params(
              (int) num(params, "rank"),
              num(params, "reg"),
              num(params, "alpha"),
              (int) num(params, "iterations"),
              num(params, "negative_weight"));
      return AlsTrainer.fit(
          AlsTrainer.ratings(input.positives(), input.negatives(), p.negativeWeight()), p, seed);
    }
  }

  /** EASE, closed-form item-item ridge regression on the driver. */
  static final class Ease implements Algorithm {
    @Override
    public String name() {
      return "ease";
    }

    @Override
    public List<Map<String, Object>> grid() {
      List<Map<String, Object>> g = new ArrayList<>();
      for (double lambda : new double[] {500, 100, 250, 1000, 2000}) {
        g.add(cell("lambda", lambda));
      }
      return g;
    }

    @Override
    public boolean applicable(TrainingInput input) {
      return input.history() != null && input.itemCount() <= EASE_MAX_ITEMS;
    }

    @Override
    public Model fit(TrainingInput input, Map<String, Object> params, long seed) {
      return EaseModel.fit(input.history(), num(params, "lambda"), EASE_MAX_ITEMS);
    }
  }
}
