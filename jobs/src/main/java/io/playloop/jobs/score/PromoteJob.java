package io.playloop.jobs.score;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.UsageException;
import picocli.CommandLine.Option;

/** promote: makes any registered, scored model version the active one (also a rollback). */
public final class PromoteJob implements Job<String> {
  @Override
  public String name() {
    return "promote";
  }

  @Override
  public String description() {
    return "make a registered model version active (rollback = promote an older version)";
  }

  @Override
  public JobCommand<String> command() {
    return new Options();
  }

  /** promote's one option: the version to make active. */
  static final class Options implements JobCommand<String> {
    @Option(
        names = "--version",
        paramLabel = "VERSION",
        description = "the model version to make active; required")
    String version;

    @Override
    public String settings(PlayloopConfig config) {
      return OptionChecks.required("version", version);
    }
  }

  @Override
  public JobResult run(JobContext context, String version) {
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
