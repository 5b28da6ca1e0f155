package io.playloop.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The job catalogue: every job the entry point can run, by name. */
public final class Jobs {
  private static final Map<String, Supplier<Job>> JOBS = new LinkedHashMap<>();

  static {
    register(DemoJob::new);
    register(io.playloop.jobs.importer.ImportJob::new);
    register(io.playloop.jobs.generate.GenerateJob::new);
    register(io.playloop.jobs.metrics.MetricsJob::new);
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
