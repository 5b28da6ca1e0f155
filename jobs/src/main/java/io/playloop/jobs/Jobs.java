package io.playloop.jobs;

import io.playloop.jobs.extract.ExtractJob;
import io.playloop.jobs.generate.GenerateJob;
import io.playloop.jobs.metrics.MetricsJob;
import io.playloop.jobs.pipeline.PipelineJob;
import io.playloop.jobs.simulate.SimulateJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The job catalogue: every job the entry point can run, by name. */
public final class Jobs {
  private static final Map<String, Supplier<Job>> JOBS = new LinkedHashMap<>();

  static {
    register(DemoJob::new);
    register(GenerateJob::new);
    register(MetricsJob::new);
    register(ExtractJob::new);
    register(PipelineJob::new);
    register(SimulateJob::new);
    register(io.playloop.jobs.models.PairUsersJob::new);
    register(io.playloop.jobs.models.TrainJob::new);
    register(io.playloop.jobs.models.ScoreJob::new);
    register(io.playloop.jobs.models.PromoteJob::new);
    register(io.playloop.jobs.models.BenchmarkJob::new);
  }

  private Jobs() {}

  private static void register(Supplier<Job> job) {
    JOBS.put(job.get().name(), job);
  }

  public static Optional<Job> byName(String name) {
    return Optional.ofNullable(JOBS.get(name)).map(Supplier::get);
  }

  public static Map<String, Supplier<Job>> all() {
    return JOBS;
  }
}
