package io.playloop.jobs.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.jobs.UsageException;
import org.junit.jupiter.api.Test;

class InteractionsFormatTest {
  @Test
  void csvDetectsDelimiterHeaderAndWellKnownColumnNames() {
    InputLayout layout =
        InteractionsFormat.csv().resolve("timestamp;userId;movieId;rating".replace(';', '\t'));
    assertThat(layout.delimiter()).isEqualTo('\t');
    assertThat(layout.header()).isTrue();
    assertThat(layout.userColumn()).isEqualTo(1);
    assertThat(layout.itemColumn()).isEqualTo(2);
    assertThat(layout.weightColumn()).isEqualTo(3);
    assertThat(layout.timeColumn()).isEqualTo(0);
  }

  @Test
  void headerlessCsvTakesColumnsOneToFourAsFarAsTheyGo() {
    InputLayout two = InteractionsFormat.csv().resolve("1,2");
    assertThat(two.header()).isFalse();
    assertThat(two.delimiter()).isEqualTo(',');
    assertThat(two.hasWeight()).isFalse();
    assertThat(two.hasTime()).isFalse();
    InputLayout four = InteractionsFormat.csv().resolve("1,2,3.5,881250949");
    assertThat(four.weightColumn()).isEqualTo(2);
    assertThat(four.timeColumn()).isEqualTo(3);
  }

  @Test
  void lastfmHasNoTimeAndFindsItsColumnsByName() {
    InputLayout layout = InteractionsFormat.lastfm().resolve("userID\tartistID\tweight");
    assertThat(layout.userColumn()).isZero();
    assertThat(layout.itemColumn()).isEqualTo(1);
    assertThat(layout.weightColumn()).isEqualTo(2);
    assertThat(layout.hasTime()).isFalse();
  }

  @Test
  void unknownNamesAndMissingHeadersAreClearUsageErrors() {
    assertThatThrownBy(
            () ->
                InteractionsFormat.csv()
                    .withUser(ColumnRef.parse("user-col", "listener"))
                    .resolve("user,item"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no user column named 'listener'");
    assertThatThrownBy(
            () ->
                InteractionsFormat.csv()
                    .withHeader(false)
                    .withItem(ColumnRef.parse("item-col", "track"))
                    .resolve("1,2"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("has no header");
    assertThatThrownBy(() -> InteractionsFormat.byName("parquet"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("movielens, lastfm or csv");
    assertThatThrownBy(() -> ColumnRef.parse("user-col", "0")).isInstanceOf(UsageException.class);
  }

  @Test
  void badRowLimitIsACountAFractionOrAPercentage() {
    assertThat(BadRowLimit.parse("3").exceeded(3, 10)).isFalse();
    assertThat(BadRowLimit.parse("3").exceeded(4, 1000)).isTrue();
    assertThat(BadRowLimit.parse("0.1").exceeded(10, 100)).isFalse();
    assertThat(BadRowLimit.parse("0.1").exceeded(11, 100)).isTrue();
    assertThat(BadRowLimit.parse("1%").exceeded(2, 100)).isTrue();
    assertThatThrownBy(() -> BadRowLimit.parse("lots")).isInstanceOf(UsageException.class);
  }
}
