package io.playloop.jobs.benchmark;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How each algorithm's search runs: --budget grid cells, except on a large catalog, where the dense
 * models' fits cost a minute or more a cell (ALS's normal equations grow with rank squared per
 * rating, BPR's epochs and GF-CF's rank-256 SVD with the catalog, blocked EASE's inversions with
 * the catalog times the block size squared) and a full grid of them alone breaks a 20-minute
 * benchmark of three seeds. There ALS screens its cells (each fit with fewer sweeps, see {@code
 * Algorithm#screening}) and fits the chosen one in full; EASE and BPR try only their first cell,
 * GF-CF its first two (the second, the item-item term alone, costs seconds); and the EASE + ALS
 * blend is left out (its weight search scores the validation users through both models once a
 * weight, and both must be fitted twice, on the validation part and on the whole train part: two
 * minutes a seed on amazon-book-subset, where ALS is far behind). The sparse item models, which
 * cost seconds a cell, keep their whole grid. Cells are chosen on validation only.
 *
 * @param requested --budget
 * @param largeCatalog catalogs of at least this many items are large
 */
record SearchBudget(int requested, int largeCatalog) {
  /** Catalogs of at least this many items are large (amazon-book-subset has 89,578). */
  static final int LARGE_CATALOG = 50_000;

  /** Cells EASE, BPR and GF-CF each try on a large catalog. */
  static final Map<String, Integer> LARGE_CATALOG_CELLS = Map.of("ease", 1, "bpr", 1, "gfcf", 2);

  /**
   * Cells ALS screens on a large catalog: the first two of its grid, rank 32 and rank 64 with alpha
   * 5 (the winner on amazon-book-subset every seed); rank 16 and rank 64 with reg 1 came last there
   * and would cost a screening fit each.
   */
  static final int SCREENED_CELLS = 2;

  /** The dense algorithms whose cheap screening ranks cells as their full fits do. */
  static final Set<String> SCREENED = Set.of("als");

  /** The algorithms whose fit cost grows with the catalog times a dense rank. */
  static final Set<String> DENSE =
      Stream.concat(SCREENED.stream(), LARGE_CATALOG_CELLS.keySet().stream())
          .collect(Collectors.toUnmodifiableSet());

  /** One algorithm's search: the cells it tries and whether it fits their screenings. */
  record Plan(int cells, boolean screened) {}

  SearchBudget(int requested) {
    this(requested, LARGE_CATALOG);
  }

  /** How {@code algorithm} searches on a catalog of {@code items}. */
  Plan plan(String algorithm, int items) {
    if (!limited(algorithm, items)) {
      return new Plan(requested, false);
    }
    return SCREENED.contains(algorithm)
        ? new Plan(Math.min(requested, SCREENED_CELLS), true)
        : new Plan(Math.min(requested, LARGE_CATALOG_CELLS.get(algorithm)), false);
  }

  /** Whether a benchmark on a catalog of {@code items} blends: not on a large one. */
  boolean blends(int items) {
    return items < largeCatalog;
  }

  /** Whether the large-catalog rule changes {@code algorithm}'s search on {@code items}. */
  boolean limited(String algorithm, int items) {
    if (items < largeCatalog || !DENSE.contains(algorithm)) {
      return false;
    }
    // Any search of a screened algorithm is screened; the others are cut to their cells.
    return requested > (SCREENED.contains(algorithm) ? 1 : LARGE_CATALOG_CELLS.get(algorithm));
  }
}
