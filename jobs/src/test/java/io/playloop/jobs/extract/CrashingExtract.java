package io.playloop.jobs.extract;

/** Extract jobs that crash right after a durable step, for tests of recovery by a rerun. */
public final class CrashingExtract {
  /** The step after which every user-block of the range is committed, the rest not yet. */
  public static final String AFTER_TRIPLETS = "triplets";

  /** The step after which every lake table is committed, the watermark not yet. */
  public static final String AFTER_LAKE_WRITE = "lake-write";

  private CrashingExtract() {}

  /** An extract that throws "simulated crash after {@code step}" once {@code step} committed. */
  public static ExtractJob after(String step) {
    return new ExtractJob(
        reached -> {
          if (reached.equals(step)) {
            throw new IllegalStateException("simulated crash after " + reached);
          }
        });
  }
}
