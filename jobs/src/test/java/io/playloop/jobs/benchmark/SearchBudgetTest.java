package io.playloop.jobs.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchBudgetTest {
  @Test
  void aLargeCatalogCutsOnlyTheDenseModelsSearch() {
    SearchBudget five = new SearchBudget(5);
    int large = SearchBudget.LARGE_CATALOG;
    for (String dense : SearchBudget.DENSE) {
      assertThat(five.cells(dense, large)).isEqualTo(SearchBudget.LARGE_CATALOG_CELLS);
      assertThat(five.limited(dense, large)).isTrue();
      assertThat(five.cells(dense, large - 1)).isEqualTo(5);
      assertThat(five.limited(dense, large - 1)).isFalse();
    }
    for (String sparse : new String[] {"popularity", "itemknn", "rp3beta", "ease"}) {
      assertThat(five.cells(sparse, 200_000)).isEqualTo(5);
      assertThat(five.limited(sparse, 200_000)).isFalse();
    }
    // A budget already within the rule is left alone, and not reported as cut.
    SearchBudget one = new SearchBudget(1);
    assertThat(one.cells("als", large)).isEqualTo(1);
    assertThat(one.limited("als", large)).isFalse();
  }
}
