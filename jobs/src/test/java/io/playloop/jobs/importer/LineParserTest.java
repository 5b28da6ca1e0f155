package io.playloop.jobs.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineParserTest {
  private final LineParser parser = new LineParser(new InputLayout(',', true, 0, 1, 2, 3, null));

  @Test
  void parsesIdsWeightAndTheTimeForms() {
    assertThat(parser.parse("7,9,4.5,881250949").time().toInstant().getEpochSecond())
        .isEqualTo(881250949L);
    assertThat(parser.parse("7,9,1,1600000000000").time().toInstant().getEpochSecond())
        .isEqualTo(1600000000L);
    assertThat(parser.parse("7,9,1,2020-01-01").time().toInstant().toString())
        .isEqualTo("2020-01-01T00:00:00Z");
    assertThat(parser.parse("7,9,1,2020-01-01 10:00:00").time().toInstant().toString())
        .isEqualTo("2020-01-01T10:00:00Z");
    assertThat(parser.parse("7,9,1,2020-01-01T10:00:00+02:00").time().toInstant().toString())
        .isEqualTo("2020-01-01T08:00:00Z");
    LineParser.Parsed p = parser.parse("\"7\",9,2,1");
    assertThat(p.error()).isNull();
    assertThat(p.user()).isEqualTo(7);
    assertThat(p.weight()).isEqualTo(2.0);
  }

  @Test
  void saysWhyARowIsBad() {
    assertThat(parser.parse("7,9").error()).contains("expected at least 4 columns");
    assertThat(parser.parse(",9,1,1").error()).isEqualTo("missing user id");
    assertThat(parser.parse("7,,1,1").error()).isEqualTo("missing item id");
    assertThat(parser.parse("0,9,1,1").error()).isEqualTo("user id 0 is not positive");
    assertThat(parser.parse("7,x9,1,1").error()).contains("item id 'x9'");
    assertThat(parser.parse("7,9,NaN,1").error()).contains("not a finite number");
    assertThat(parser.parse("7,9,1,soon").error()).contains("time 'soon'");
    assertThat(parser.parse("99999999999,9,1,1").error()).contains("not a whole number");
  }

  @Test
  void quotedCellsKeepTheirDelimiters() {
    assertThat(LineSplitter.split("1,\"a, \"\"b\"\"\",3", ','))
        .isEqualTo(List.of("1", "a, \"b\"", "3"));
  }
}
