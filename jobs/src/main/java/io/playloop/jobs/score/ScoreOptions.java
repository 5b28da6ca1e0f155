package io.playloop.jobs.score;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.models.EvaluationOptions;
import io.playloop.jobs.models.WindowOptions;
import io.playloop.jobs.models.evaluation.ValidationOptions;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** score's options, each declared once with its default; {@link #settings} checks them. */
final class ScoreOptions implements JobCommand<ScoreSettings> {
  @Option(
      names = "--version",
      paramLabel = "VERSION",
      description = "model version (default: the newest chosen candidate)")
  String version;

  @Option(
      names = "--top-n",
      paramLabel = "N",
      defaultValue = "50",
      description = "playlists per user (at least 50)")
  int topN;

  @Option(
      names = "--candidates",
      paramLabel = "SOURCE",
      defaultValue = CandidateSource.AUTO,
      description = "auto (from the data), neighbours (user_pairing_model) or catalog")
  String candidates;

  @Option(
      names = "--popular",
      paramLabel = "N",
      defaultValue = "100",
      description = "length of the popularity fallback list")
  int popular;

  @Option(
      names = "--gate-metric",
      paramLabel = "NAME",
      defaultValue = "mrr",
      description = "validation metric the gate compares")
  String gateMetric;

  @Option(
      names = "--gate-tolerance",
      paramLabel = "X",
      defaultValue = "0",
      description = "how far below the active version still counts as not worse")
  double gateTolerance;

  @Mixin EvaluationOptions evaluation;

  // The gate validates on the training window's data, as train's model choice does.
  @Mixin WindowOptions window;

  @Mixin ValidationOptions validation;

  @Option(
      names = "--explore-clusters",
      paramLabel = "N",
      defaultValue = "16",
      description = "taste clusters written for exploration (0: none, at most 64)")
  int exploreClusters;

  @Option(
      names = "--explore-pool",
      paramLabel = "N",
      defaultValue = "20",
      description = "playlists per taste cluster exploration serves from")
  int explorePool;

  @Option(
      names = "--promote",
      arity = "0..1",
      paramLabel = "true|false",
      defaultValue = "true",
      description = "run the gate (false: only write rows) (default: true)")
  boolean promote;

  @Option(
      names = "--profile-held-out",
      arity = "0..1",
      paramLabel = "true|false",
      defaultValue = "true",
      description =
          "item models list each user from all their positives, the val and test splits too"
              + " (train's choice and the gate still judge them without) (default: true)")
  boolean profileHeldOut;

  @Override
  public ScoreSettings settings(PlayloopConfig config) {
    if (topN < 50) {
      throw OptionChecks.bad("top-n", "must be at least 50", topN);
    }
    if (!(gateTolerance >= 0)) {
      throw new UsageException("--gate-tolerance must not be negative");
    }
    if (exploreClusters < 0 || exploreClusters > 64) {
      throw OptionChecks.bad("explore-clusters", "must be from 0 to 64", exploreClusters);
    }
    return new ScoreSettings(
        Optional.ofNullable(version),
        topN,
        CandidateSource.requested(candidates),
        OptionChecks.positive("popular", popular),
        gateMetric,
        gateTolerance,
        evaluation.evalUsers(),
        exploreClusters,
        OptionChecks.positive("explore-pool", explorePool),
        promote,
        validation.of(window.window(config)),
        profileHeldOut);
  }
}
