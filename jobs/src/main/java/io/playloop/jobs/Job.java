package io.playloop.jobs;

import java.util.List;

/** One batch job behind the single entry point: a name, its options, and what it does. */
public interface Job {
  String name();

  /** One line for --help and the job list. */
  String description();

  /** The options this job takes besides the common ones. */
  List<OptionSpec> options();

  /** Does the work; a thrown exception marks the run failed. */
  JobResult run(JobContext context) throws Exception;

  /** Whether the job needs PostgreSQL (a run record and its own tables). Most do. */
  default boolean usesDatabase() {
    return true;
  }

  /**
   * Whether at most one run of this job may write to a database at a time (a second run waits
   * briefly, then stops with a message naming the first). True for every job that writes the lake
   * or shared tables; false for jobs that may run beside themselves, such as the simulator.
   */
  default boolean runsExclusively() {
    return true;
  }

  /**
   * The lake tables this job writes that another job writes too, by the name of their shared lock
   * (null: none). Jobs naming the same tables never run at once against one database, so that a
   * lake on S3 has one writer per table (Delta's S3 log store has no put-if-absent).
   */
  default String sharedTables() {
    return null;
  }
}
