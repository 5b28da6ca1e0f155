package io.playloop.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ColdUsersTest {
  @Test
  void exactlyTheRoundedShareOfUsersIsColdAndTheSeedDecidesWhich() {
    ColdUsers a = ColdUsers.of(1000, 0.05, 1);
    ColdUsers b = ColdUsers.of(1000, 0.05, 2);
    assertThat(IntStream.range(0, 1000).filter(a::isCold).count()).isEqualTo(50);
    assertThat(IntStream.range(0, 1000).filter(a::isCold).boxed().toList())
        .isNotEqualTo(IntStream.range(0, 1000).filter(b::isCold).boxed().toList());
    assertThat(IntStream.range(0, 7).filter(ColdUsers.of(7, 0.0, 3)::isCold).count()).isZero();
  }
}
