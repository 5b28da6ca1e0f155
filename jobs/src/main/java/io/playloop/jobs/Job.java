package io.playloop.jobs;

/**
 * One batch job behind the single entry point: a name, its options, and what it does.
 *
 * @param <S> the job's settings: its options read and checked before Spark starts
 */
public interface Job<S> {
  String name();

  /** One line for --help and the job list. */
  String description();

  /** A new holder of this job's options (picocli fields), which checks them into settings. */
  JobCommand<S> command();

  /** Does the work; a thrown exception marks the run failed. */
  JobResult run(JobContext context, S settings) throws Exception;

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
