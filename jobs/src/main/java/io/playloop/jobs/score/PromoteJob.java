package io.playloop.jobs.score;

import io.playloop.core.registry.ModelRegistry;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.LegacyJob;
import io.playloop.jobs.OptionSpec;
import io.playloop.jobs.UsageException;
import java.util.List;

/** promote: makes any registered, scored model version the active one (also a rollback). */
public final class PromoteJob implements LegacyJob {
  @Override
  public String name() {
    return "promote";
  }

  @Override
  public String description() {
    return "make a registered model version active (rollback = promote an older version)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(OptionSpec.of("version", "the model version to make active", null));
  }

  @Override
  public JobResult run(JobContext context) {
    String version = context.options().require("version");
    ModelRegistry registry = new ModelRegistry(context.db());
    String before = registry.activeVersion().orElse("none");
    try {
      registry.promote(version);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
    return JobResult.of(0, 1, version + " is now active (was " + before + ")");
  }
}
