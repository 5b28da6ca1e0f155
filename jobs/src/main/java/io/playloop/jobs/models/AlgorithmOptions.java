package io.playloop.jobs.models;

import io.playloop.jobs.OptionChecks;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Which rankers to train; train and benchmark mix these options in. */
public final class AlgorithmOptions {
  @Option(
      names = "--algorithms",
      paramLabel = "LIST",
      defaultValue = "popularity,als,ease,bpr,rp3beta,itemknn,gfcf",
      description = "comma-separated: popularity, als, ease, bpr, rp3beta, itemknn, gfcf")
  String algorithms;

  @Option(
      names = "--als-iterations",
      paramLabel = "N",
      description = "override ALS iterations in every grid cell")
  Integer alsIterations;

  /** The named algorithms; an unknown name throws IllegalArgumentException. */
  public List<Algorithm<?>> algorithms() {
    List<Algorithm<?>> named = Algorithms.named(Arrays.asList(algorithms.split(",")));
    return alsIterations == null
        ? named
        : Algorithms.withAlsIterations(
            named, OptionChecks.positive("als-iterations", alsIterations));
  }
}
