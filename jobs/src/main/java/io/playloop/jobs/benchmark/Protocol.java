package io.playloop.jobs.benchmark;

import io.playloop.jobs.models.UserHistory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * How the benchmark's rounds are made: a random per-user holdout of one interactions file, or a
 * published split (train and test files, validation given or carved from train).
 */
public interface Protocol {
  /** Share of each user's items kept for training when a split is carved (the rest held out). */
  double TRAIN_SHARE = 0.75;

  /** As the report names it: holdout or published. */
  String name();

  /** Whether validation is carved from train (and the chosen setting refit on all of train). */
  boolean carvesValidation();

  /** The round for {@code seed}, reproducible from it. */
  Fold fold(long seed);

  /** Per user random 75/25 of one file, validation carved the same way from the 75. */
  static Protocol holdout(InteractionArrays interactions) {
    UserHistory all = interactions.history();
    int[] catalog = distinct(interactions.items());
    return new Protocol() {
      @Override
      public String name() {
        return "holdout";
      }

      @Override
      public boolean carvesValidation() {
        return true;
      }

      @Override
      public Fold fold(long seed) {
        HoldoutSplit split = HoldoutSplit.perUser(all, TRAIN_SHARE, seed);
        HoldoutSplit inner = HoldoutSplit.perUser(split.train(), TRAIN_SHARE, 1000L + seed);
        return new Fold(
            inner.train(), inner.test(), split.train(), split.test(), split.train(), catalog, seed);
      }
    };
  }

  /**
   * A published split: the model is tested on {@code test} after training on {@code train}; the
   * catalog is every item of the files. Without {@code validation} (null) settings are chosen on a
   * per-user carve of train and the chosen one is refit on all of train; with it, on the given
   * validation, whose items are then excluded from the test rankings like train's.
   */
  static Protocol published(
      InteractionArrays train, InteractionArrays test, InteractionArrays validation) {
    UserHistory trainHistory = train.history();
    Map<Integer, Set<Integer>> testSets = sets(test);
    int[] catalog =
        distinct(
            IntStream.concat(
                    IntStream.of(train.items()),
                    IntStream.concat(
                        IntStream.of(test.items()),
                        validation == null ? IntStream.empty() : IntStream.of(validation.items())))
                .toArray());
    return new Protocol() {
      @Override
      public String name() {
        return "published";
      }

      @Override
      public boolean carvesValidation() {
        return validation == null;
      }

      @Override
      public Fold fold(long seed) {
        if (validation == null) {
          HoldoutSplit inner = HoldoutSplit.perUser(trainHistory, TRAIN_SHARE, 1000L + seed);
          return new Fold(
              inner.train(), inner.test(), trainHistory, testSets, trainHistory, catalog, seed);
        }
        UserHistory seen =
            UserHistory.of(
                IntStream.concat(IntStream.of(train.users()), IntStream.of(validation.users()))
                    .toArray(),
                IntStream.concat(IntStream.of(train.items()), IntStream.of(validation.items()))
                    .toArray());
        return new Fold(
            trainHistory, sets(validation), trainHistory, testSets, seen, catalog, seed);
      }
    };
  }

  private static int[] distinct(int[] items) {
    return IntStream.of(items).distinct().sorted().toArray();
  }

  private static Map<Integer, Set<Integer>> sets(InteractionArrays a) {
    Map<Integer, Set<Integer>> out = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      out.computeIfAbsent(a.users()[i], u -> new HashSet<>()).add(a.items()[i]);
    }
    return out;
  }
}
