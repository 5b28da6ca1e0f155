package io.playloop.jobs;

import java.util.List;

/** A job whose options are still a list of specs read by name (until it has a settings record). */
public interface LegacyJob extends Job<JobOptions> {
  /** The options this job takes besides the common ones. */
  List<OptionSpec> options();

  JobResult run(JobContext context) throws Exception;

  @Override
  default JobCommand<JobOptions> command() {
    return new LegacyCommand(options());
  }

  @Override
  default JobResult run(JobContext context, JobOptions settings) throws Exception {
    return run(context);
  }
}
