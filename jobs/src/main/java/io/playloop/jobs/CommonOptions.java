package io.playloop.jobs;

import java.util.List;

/** The options every job takes. */
public final class CommonOptions {
  public static final OptionSpec LAKE =
      OptionSpec.of("lake", "lake root URI, file:... or s3a://bucket/prefix (PLAYLOOP_LAKE)", null);
  public static final OptionSpec DB =
      OptionSpec.of("db", "PostgreSQL JDBC URL (PLAYLOOP_DB_URL)", null);
  public static final OptionSpec MASTER =
      OptionSpec.of("master", "Spark master, e.g. local[*] or spark://host:7077", null);
  public static final OptionSpec CONFIG =
      OptionSpec.of("config", "a HOCON file over conf/playloop.conf (PLAYLOOP_CONFIG)", null);
  public static final OptionSpec HELP = OptionSpec.of("help", "print this job's options", null);

  public static final List<OptionSpec> ALL = List.of(LAKE, DB, MASTER, CONFIG, HELP);

  private CommonOptions() {}
}
