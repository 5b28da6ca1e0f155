package io.playloop.jobs;

import java.util.List;

/**
 * The README's demo: the main job on embedded defaults. For now it generates a small world and
 * prints what it wrote; it grows into the whole loop.
 */
public final class DemoJob implements Job {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String description() {
    return "run the loop on a small generated world (local Spark, local lake, local PostgreSQL)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("users", "users in the generated world", 2000),
        OptionSpec.of("playlists", "playlists in the generated world", 4000),
        OptionSpec.of("seed", "random seed", 42));
  }

  @Override
  public JobResult run(JobContext context) {
    return JobResult.of(0, 0, "demo: nothing to do yet");
  }
}
