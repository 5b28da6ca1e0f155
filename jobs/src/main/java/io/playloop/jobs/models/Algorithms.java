package io.playloop.jobs.models;

import io.playloop.jobs.models.algorithms.als.AlsAlgorithm;
import io.playloop.jobs.models.algorithms.blend.BlendFormat;
import io.playloop.jobs.models.algorithms.bpr.BprAlgorithm;
import io.playloop.jobs.models.algorithms.ease.EaseAlgorithm;
import io.playloop.jobs.models.algorithms.gfcf.GfcfAlgorithm;
import io.playloop.jobs.models.algorithms.itemknn.ItemKnnAlgorithm;
import io.playloop.jobs.models.algorithms.popularity.PopularityAlgorithm;
import io.playloop.jobs.models.algorithms.rp3beta.Rp3betaAlgorithm;
import io.playloop.jobs.models.store.ModelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The registry of algorithms: the rankers Playloop trains, and the format of every kind of model
 * the lake can hold. A new algorithm is its own package plus one line here.
 */
public final class Algorithms {
  /** The trainable algorithms, in the order train and benchmark run them by default. */
  private static final List<Algorithm<?>> TRAINABLE =
      List.of(
          new PopularityAlgorithm(),
          new AlsAlgorithm(),
          new EaseAlgorithm(),
          new BprAlgorithm(),
          new Rp3betaAlgorithm(),
          new ItemKnnAlgorithm(),
          new GfcfAlgorithm());

  /** Models built from other models rather than trained on interactions. */
  private static final List<ModelFormat<?>> COMPOSED = List.of(new BlendFormat());

  private Algorithms() {}

  /** Every trainable algorithm. */
  public static List<Algorithm<?>> all() {
    return TRAINABLE;
  }

  /** The named algorithms, in the given order; unknown names are an error. */
  public static List<Algorithm<?>> named(List<String> names) {
    List<Algorithm<?>> out = new ArrayList<>();
    for (String n : names) {
      out.add(
          TRAINABLE.stream()
              .filter(a -> a.name().equals(n.trim()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown algorithm '"
                              + n
                              + "' (known: "
                              + TRAINABLE.stream()
                                  .map(Algorithm::name)
                                  .collect(Collectors.joining(", "))
                              + ")")));
    }
    return out;
  }

  /** {@code algorithms} with ALS's grid cells all using {@code iterations} (quick runs). */
  public static List<Algorithm<?>> withAlsIterations(
      List<Algorithm<?>> algorithms, int iterations) {
    List<Algorithm<?>> out = new ArrayList<>();
    for (Algorithm<?> a : algorithms) {
      out.add(a instanceof AlsAlgorithm als ? als.withIterations(iterations) : a);
    }
    return out;
  }

  /** The format that saves and loads models of {@code algorithm}, if the registry knows it. */
  public static Optional<ModelFormat<?>> format(String algorithm) {
    return Stream.<ModelFormat<?>>concat(
            TRAINABLE.stream().map(Algorithm::format), COMPOSED.stream())
        .filter(f -> f.algorithm().equals(algorithm))
        .findFirst();
  }
}
