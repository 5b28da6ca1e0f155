package io.playloop.jobs;

import io.playloop.core.config.PlayloopConfig;

/**
 * A job's options: picocli {@code @Option} fields (each option declared once, with its type,
 * default and help) and the check that turns them into the job's settings record.
 *
 * @param <S> the job's settings, what {@link Job#run} receives
 */
public interface JobCommand<S> {
  /**
   * The settings these options describe, read after picocli filled the fields; options whose
   * default lives in the configuration file fall back to {@code config}. A bad value throws a
   * {@link UsageException} naming the option. Runs before Spark or the database is touched.
   */
  S settings(PlayloopConfig config);
}
