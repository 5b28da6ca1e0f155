package io.playloop.experiments.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommandLine;
import io.playloop.jobs.UsageException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftArmsTest {
  /** The arms experiment-drift's command line {@code options} sets up. */
  private static List<DriftArm> arms(Map<String, String> options) {
    return JobCommandLine.settings(
            new DriftExperimentJob(),
            JobCommandLine.args(options),
            PlayloopConfig.load(null, Map.of()))
        .arms();
  }

  @Test
  void theFiveArmsDifferInDriftWindowExplorationAndTheRecoveryArmsCandidatesAndProfiles() {
    List<DriftArm> arms = arms((Map.of()));
    assertThat(arms)
        .extracting(DriftArm::name)
        .containsExactly("control", "baseline", "window", "explore", "explore-window");
    assertThat(arms).extracting(DriftArm::drift).containsExactly(false, true, true, true, true);
    assertThat(arms).extracting(DriftArm::windowDays).containsExactly(0, 0, 14, 0, 14);
    assertThat(arms).extracting(DriftArm::exploreShare).containsExactly(0.0, 0.0, 0.0, 1.0, 1.0);
    assertThat(arms)
        .extracting(DriftArm::candidates)
        .containsExactly("auto", "auto", "auto", "auto", "catalog");
    assertThat(arms)
        .extracting(DriftArm::profileHalfLifeDays)
        .containsExactly(0.0, 0.0, 0.0, 0.0, 3.5);
    assertThat(arms)
        .extracting(DriftArm::algorithms)
        .containsExactly(null, null, null, null, "popularity,rp3beta,itemknn");
    // The window arm forgets the bootstrap; the recovery arm's profiles forget it instead, and
    // its item similarities keep learning from it.
    assertThat(arms.get(2).keepBootstrap()).isFalse();
    DriftArm both = arms.get(4);
    assertThat(both.keepBootstrap()).isTrue();
    assertThat(both.slug()).isEqualTo("explorewindow");
    assertThat(both.servingConfig())
        .containsEntry("serving.explore.share", 1.0)
        .containsEntry("serving.explore.slots", 2)
        .containsEntry("serving.explore.follow-newest-like", true);
    assertThat(both.windowOptions(LocalDate.parse("2026-01-19")))
        .containsEntry("window-days", "14")
        .containsEntry("keep-bootstrap", "true")
        .containsEntry("as-of", "2026-01-19");
    assertThat(arms.get(1).servingConfig())
        .containsEntry("serving.explore.share", 0.0)
        .containsEntry("serving.explore.follow-newest-like", false);
  }

  @Test
  void armsAndTheirSettingsComeFromTheOptions() {
    List<DriftArm> arms =
        arms(
            Map.of(
                "arms", "baseline,explore-window",
                "window-days", "7",
                "explore-share", "0.5",
                "explore-slots", "2",
                "explore-follow-newest-like", "false",
                "recovery-candidates", "neighbours",
                "recovery-half-life-days", "0",
                "recovery-algorithms", "popularity,rp3beta"));
    assertThat(arms).extracting(DriftArm::name).containsExactly("baseline", "explore-window");
    assertThat(arms.get(1).candidates()).isEqualTo("neighbours");
    assertThat(arms.get(1).windowDays()).isEqualTo(7);
    assertThat(arms.get(1).exploreShare()).isEqualTo(0.5);
    assertThat(arms.get(1).exploreSlots()).isEqualTo(2);
    assertThat(arms.get(1).exploreFollowsLikes()).isFalse();
    assertThat(arms.get(1).profileHalfLifeDays()).isZero();
    assertThat(arms.get(1).algorithms()).isEqualTo("popularity,rp3beta");
    // Without a profile half-life the recovery arm ages the bootstrap out like the window arm.
    assertThat(arms.get(1).keepBootstrap()).isFalse();
  }

  @Test
  void unknownOrRepeatedArmsAndBadSettingsAreRefused() {
    assertThatThrownBy(() -> arms((Map.of("arms", "windows"))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown arm 'windows'");
    assertThatThrownBy(() -> arms((Map.of("arms", "window,window"))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("named twice");
    assertThatThrownBy(() -> arms((Map.of("explore-share", "0"))))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> arms((Map.of("window-days", "0")))).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> arms((Map.of("recovery-candidates", "everything"))))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> arms((Map.of("recovery-half-life-days", "-1"))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--recovery-half-life-days");
  }
}
