package io.playloop.jobs.benchmark;

import java.util.Set;

/**
 * How many grid cells each algorithm's search tries: --budget, except on a large catalog, where the
 * dense models (ALS, BPR, GF-CF) try only their first {@link #LARGE_CATALOG_CELLS}. There each of
 * their cells costs a minute or more to fit (ALS's normal equations grow with rank squared per
 * rating, BPR's epochs and GF-CF's rank-256 SVD with the catalog), so a full grid of them alone
 * breaks a 20-minute benchmark of three seeds, while the sparse item models, which cost seconds a
 * cell, keep their whole grid. Cells are still chosen on validation only.
 *
 * @param requested --budget
 */
record SearchBudget(int requested) {
  /** Catalogs of at least this many items are large (amazon-book-subset has 89,578). */
  static final int LARGE_CATALOG = 50_000;

  /** Cells the dense models try on a large catalog. */
  static final int LARGE_CATALOG_CELLS = 1;

  /** The algorithms whose fit cost grows with the catalog times a dense rank. */
  static final Set<String> DENSE = Set.of("als", "bpr", "gfcf");

  /** The cells {@code algorithm} tries on a catalog of {@code items}. */
  int cells(String algorithm, int items) {
    return limited(algorithm, items) ? Math.min(requested, LARGE_CATALOG_CELLS) : requested;
  }

  /** Whether the large-catalog rule cuts {@code algorithm}'s search on {@code items}. */
  boolean limited(String algorithm, int items) {
    return items >= LARGE_CATALOG && DENSE.contains(algorithm) && requested > LARGE_CATALOG_CELLS;
  }
}
