package io.playloop.jobs;

import io.playloop.jobs.benchmark.BenchmarkJob;
import io.playloop.jobs.extract.ExtractJob;
import io.playloop.jobs.generate.GenerateJob;
import io.playloop.jobs.importer.ImportJob;
import io.playloop.jobs.metrics.MetricsJob;
import io.playloop.jobs.pairing.PairUsersJob;
import io.playloop.jobs.pipeline.PipelineJob;
import io.playloop.jobs.score.PromoteJob;
import io.playloop.jobs.score.ScoreJob;
import io.playloop.jobs.simulate.SimulateJob;
import io.playloop.jobs.train.TrainJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The job catalogue: every job the entry point can run, by name. The production jobs are listed
 * here; jobs from other jars on the classpath (the demo and experiments) are found through {@link
 * ServiceLoader}, declared in their jar's META-INF/services/io.playloop.jobs.Job.
 */
public final class Jobs {
  private static final Map<String, Supplier<Job<?>>> JOBS = new LinkedHashMap<>();

  static {
    // In the order of the loop; --help lists them so.
    register(GenerateJob::new);
    register(ImportJob::new);
    register(PairUsersJob::new);
    register(TrainJob::new);
    register(ScoreJob::new);
    register(PromoteJob::new);
    register(SimulateJob::new);
    register(ExtractJob::new);
    register(MetricsJob::new);
    register(PipelineJob::new);
    register(BenchmarkJob::new);
    for (ServiceLoader.Provider<Job> more : ServiceLoader.load(Job.class).stream().toList()) {
      register(() -> (Job<?>) more.get());
    }
  }

  private Jobs() {}

  private static void register(Supplier<Job<?>> job) {
    JOBS.put(job.get().name(), job);
  }

  public static Optional<Job<?>> byName(String name) {
    return Optional.ofNullable(JOBS.get(name)).map(Supplier::get);
  }

  public static Map<String, Supplier<Job<?>>> all() {
    return JOBS;
  }
}
