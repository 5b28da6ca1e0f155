package io.playloop.jobs.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchBudgetTest {
  @Test
  void aLargeCatalogScreensAlsCutsTheOtherDenseModelsToOneCellAndDoesNotBlend() {
    SearchBudget five = new SearchBudget(5);
    int large = SearchBudget.LARGE_CATALOG;
    assertThat(five.plan("als", large))
        .isEqualTo(new SearchBudget.Plan(SearchBudget.SCREENED_CELLS, true));
    assertThat(new SearchBudget(2).plan("als", large)).isEqualTo(new SearchBudget.Plan(2, true));
    // GF-CF's two cells on a large catalog: a budget of two is not cut, one of three is.
    assertThat(new SearchBudget(2).limited("gfcf", large)).isFalse();
    assertThat(new SearchBudget(3).plan("gfcf", large)).isEqualTo(new SearchBudget.Plan(2, false));
    for (String dense : new String[] {"ease", "bpr", "gfcf"}) {
      assertThat(five.plan(dense, large))
          .isEqualTo(new SearchBudget.Plan(SearchBudget.LARGE_CATALOG_CELLS.get(dense), false));
    }
    for (String dense : SearchBudget.DENSE) {
      assertThat(five.limited(dense, large)).isTrue();
      assertThat(five.plan(dense, large - 1)).isEqualTo(new SearchBudget.Plan(5, false));
      assertThat(five.limited(dense, large - 1)).isFalse();
    }
    assertThat(five.blends(large)).isFalse();
    assertThat(five.blends(large - 1)).isTrue();
    for (String sparse : new String[] {"popularity", "itemknn", "rp3beta"}) {
      assertThat(five.plan(sparse, 200_000)).isEqualTo(new SearchBudget.Plan(5, false));
      assertThat(five.limited(sparse, 200_000)).isFalse();
    }
  }

  @Test
  void aBudgetOfOneCellIsLeftAloneAndNotReportedAsCut() {
    SearchBudget one = new SearchBudget(1);
    assertThat(one.plan("als", SearchBudget.LARGE_CATALOG))
        .isEqualTo(new SearchBudget.Plan(1, false));
    assertThat(one.limited("als", SearchBudget.LARGE_CATALOG)).isFalse();
  }
}
