package io.playloop.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlFailureTest {
  @Test
  void sqlStatesAreToldApartByClass() {
    assertThat(of("08006")).isEqualTo(SqlFailure.CONNECTION); // connection failure
    assertThat(of("08001")).isEqualTo(SqlFailure.CONNECTION);
    assertThat(of("57P01")).isEqualTo(SqlFailure.CONNECTION); // admin shutdown
    assertThat(of("57P03")).isEqualTo(SqlFailure.CONNECTION); // cannot connect now
    assertThat(of("53300")).isEqualTo(SqlFailure.CONNECTION); // too many connections
    assertThat(of(null)).isEqualTo(SqlFailure.CONNECTION); // a pool timeout has none
    assertThat(of("40001")).isEqualTo(SqlFailure.RETRY);
    assertThat(of("40P01")).isEqualTo(SqlFailure.RETRY);
    assertThat(of("23514")).isEqualTo(SqlFailure.BAD_ROW); // check violation
    assertThat(of("23502")).isEqualTo(SqlFailure.BAD_ROW); // not null violation
    assertThat(of("22003")).isEqualTo(SqlFailure.BAD_ROW); // numeric out of range
    assertThat(of("22021")).isEqualTo(SqlFailure.BAD_ROW); // NUL in text
    assertThat(of("42501")).isEqualTo(SqlFailure.OTHER); // insufficient privilege
    assertThat(of("57014")).isEqualTo(SqlFailure.OTHER); // statement timeout
  }

  private static SqlFailure of(String state) {
    return SqlFailure.of(new SQLException("x", state));
  }
}
