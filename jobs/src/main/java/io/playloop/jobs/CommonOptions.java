package io.playloop.jobs;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every job takes: where the lake, the database and Spark are, and --help. */
public final class CommonOptions {
  @Option(
      names = "--lake",
      paramLabel = "URI",
      description = "lake root URI, file:... or s3a://bucket/prefix (key lake.uri, PLAYLOOP_LAKE)")
  String lake;

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = "PostgreSQL JDBC URL (key db.url, PLAYLOOP_DB_URL)")
  String db;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master, e.g. local[*] or spark://host:7077 (key spark.master)")
  String master;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "a HOCON file over conf/playloop.conf (PLAYLOOP_CONFIG)")
  String config;

  @Option(names = "--help", usageHelp = true, description = "print this job's options")
  boolean help;

  /** The configuration keys these options override. */
  Map<String, Object> overrides() {
    Map<String, Object> overrides = new HashMap<>();
    if (lake != null) {
      overrides.put("lake.uri", lake);
    }
    if (db != null) {
      overrides.put("db.url", db);
    }
    if (master != null) {
      overrides.put("spark.master", master);
    }
    return overrides;
  }
}
