package io.playloop.jobs.train;

import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.OfflineMetrics;
import io.playloop.core.registry.SearchTrial;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.HyperparameterSearch;
import io.playloop.jobs.models.LakeWorld;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.TrainingWindow;
import io.playloop.jobs.models.algorithms.blend.BlendSearch;
import io.playloop.jobs.models.evaluation.Validation;
import io.playloop.jobs.models.evaluation.WindowedValidation;
import io.playloop.jobs.models.store.ModelStore;
import io.playloop.jobs.spark.Checkpoints;
import io.playloop.jobs.spark.JobPhase;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * train: every ranker with a budgeted search on validation, each best cell saved to
 * models/<model_version> and registered as a candidate; the best on validation is marked chosen.
 */
public final class TrainJob implements Job<TrainSettings> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Override
  public String name() {
    return "train";
  }

  @Override
  public String description() {
    return "train the rankers, evaluate both protocols, register candidates in the models table";
  }

  @Override
  public JobCommand<TrainSettings> command() {
    return new TrainOptions();
  }

  @Override
  public JobResult run(JobContext context, TrainSettings s) throws Exception {
    List<Algorithm<?>> algorithms = s.algorithms();
    TrainingWindow window = s.window();
    LakeWorld world;
    try {
      world = new LakeWorld(context.lake(), window);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    int budget = s.budget();
    String metric = s.metric();
    int evalUsers = s.evalUsers();
    long seed = s.seed();
    Checkpoints.ensure(context.spark(), context.lake().uri("tmp/checkpoints"));

    Map<String, Long> versions = world.versions();
    int[] catalog = world.catalog();
    JobPhase.begin(context.spark(), "train: reading the training window and the evaluation users");
    TrainingInput input = world.trainingInput(s.profileRecency());
    LOG.info("{}", s.profileRecency());
    WindowedValidation windowed = world.validation(s.validationWindow(), evalUsers, catalog);
    Validation validation = windowed.data();
    LOG.info("model choice on {}", windowed.scope().describe());
    Validation test = world.evaluation("test", evalUsers, catalog);
    String stamp = s.versionPrefix() + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
    ModelStore store = new ModelStore(context.lake());
    ModelRegistry registry = new ModelRegistry(context.db());

    List<Trained> trained = new ArrayList<>();
    for (Algorithm<?> a : algorithms) {
      if (!a.applicable(input)) {
        LOG.info("{} skipped: not applicable to {} items", a.name(), input.itemCount());
        continue;
      }
      long t0 = System.nanoTime();
      var outcome = HyperparameterSearch.run(a, input, validation, metric, budget, seed, false);
      double seconds = (System.nanoTime() - t0) / 1e9;
      JobPhase.begin("train: " + a.name() + " on the test split");
      trained.add(
          new Trained(
              stamp + "-" + a.name(), outcome, test.evaluate(outcome.bestModel()), seconds));
    }
    Trained ease = find(trained, "ease");
    Trained als = find(trained, "als");
    if (ease != null && als != null) {
      long t0 = System.nanoTime();
      JobPhase.begin("train: blend of ease and als");
      var outcome =
          BlendSearch.run(
              ease.outcome().bestModel(), als.outcome().bestModel(), validation, metric);
      double seconds = ease.seconds() + als.seconds() + (System.nanoTime() - t0) / 1e9;
      trained.add(
          new Trained(stamp + "-blend", outcome, test.evaluate(outcome.bestModel()), seconds));
    }
    if (trained.isEmpty()) {
      throw new UsageException("no algorithm could train on this data");
    }
    Trained best =
        trained.stream()
            .max((x, y) -> Double.compare(x.validationValue(metric), y.validationValue(metric)))
            .orElseThrow();
    for (Trained t : trained) {
      OfflineMetrics metrics =
          OfflineMetrics.trained(
                  t.outcome().bestMetrics(),
                  t.test(),
                  metric,
                  t == best,
                  t.seconds(),
                  window.toString(),
                  t.outcome().trials().stream()
                      .map(x -> SearchTrial.of(x.params(), x.metrics()))
                      .toList())
              .withValidationData(windowed.scope());
      JobPhase.begin("train: saving " + t.version());
      store.save(t.version(), t.outcome().bestModel(), metrics.toMap());
      registry.registerCandidate(
          t.version(),
          t.outcome().algorithm(),
          t.outcome().bestModel().params(),
          metrics,
          versions);
      LOG.info("{}: validation {}, test {}", t.version(), t.outcome().bestMetrics(), t.test());
    }
    input.positives().unpersist();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("chosen", best.version());
    details.put("training_window", window.toString());
    details.put("profile", s.profileRecency().toString());
    details.put("validation", windowed.scope().describe());
    details.put("validation_fallback", windowed.scope().fallback());
    details.put("metric", metric);
    for (Trained t : trained) {
      details.put(t.version(), t.validationValue(metric));
    }
    return JobResult.of(
            input.history() == null ? 0 : input.history().interactionCount(),
            trained.size(),
            "registered "
                + trained.size()
                + " candidates; best on validation "
                + metric
                + ": "
                + best.version()
                + String.format(" (%.4f)", best.validationValue(metric)))
        .withDetails(details);
  }

  private static Trained find(List<Trained> trained, String algorithm) {
    return trained.stream()
        .filter(t -> t.outcome().algorithm().equals(algorithm))
        .findFirst()
        .orElse(null);
  }

  /** One algorithm's outcome: its version, search and test metrics. */
  private record Trained(
      String version,
      HyperparameterSearch.Outcome<?> outcome,
      Map<String, Double> test,
      double seconds) {
    double validationValue(String metric) {
      return outcome.bestMetrics().getOrDefault(metric, Double.NEGATIVE_INFINITY);
    }
  }
}
