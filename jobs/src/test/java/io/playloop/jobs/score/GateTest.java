package io.playloop.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GateTest {
  @Test
  void theFirstVersionAlwaysGoesLive() {
    assertThat(Gate.decide("mrr", "v1", 0.1, null, Double.NaN).promote()).isTrue();
  }

  @Test
  void theStrictGateRefusesAnyDrop() {
    assertThat(Gate.decide("mrr", "v2", 0.5, "v1", 0.5).promote()).isTrue();
    Gate.Decision d = Gate.decide("mrr", "v2", 0.4999, "v1", 0.5);
    assertThat(d.promote()).isFalse();
    assertThat(d.reason()).contains("v2 stays a candidate").contains("0.4999 < active v1's 0.5000");
  }

  @Test
  void aToleranceLetsDropsWithinItPassAndNoMore() {
    Gate.Decision within = Gate.decide("mrr", "v2", 0.491, "v1", 0.5, 0.01);
    assertThat(within.promote()).isTrue();
    assertThat(within.reason())
        .contains("0.4910 is within the tolerance 0.0100 of active v1's 0.5000");
    Gate.Decision d = Gate.decide("mrr", "v2", 0.489, "v1", 0.5, 0.01);
    assertThat(d.promote()).isFalse();
    assertThat(d.reason()).contains("tolerance 0.0100");
  }

  @Test
  void anActiveVersionMissingFromTheLakeLetsTheCandidateGoLiveAndSaysWhy() {
    Gate.Decision d = Gate.activeNotInLake("mrr", "v2", 0.25, "v1", "file:/lake/");
    assertThat(d.promote()).isTrue();
    assertThat(d.reason())
        .contains("the active version v1 is not in the lake file:/lake/")
        .contains("not comparable")
        .contains("v2 becomes active (mrr 0.2500)");
  }
}
