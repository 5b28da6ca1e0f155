package io.playloop.core.serving;

import java.util.List;

/**
 * The serving table {@code exploration_clusters} as {@code score} writes it and the server reads
 * it: per model version, each taste cluster's members and its pool (the members exploration serves
 * from, most popular first). Its name, columns and text forms are defined here once.
 */
public final class ExplorationTableDefinition {
  public static final String TABLE = "exploration_clusters";

  public static final String MODEL_VERSION = ServingTableDefinition.MODEL_VERSION;
  public static final String CLUSTER = "cluster";
  public static final String POOL = "pool";
  public static final String MEMBERS = "members";

  /** The columns, in the writer's COPY order. */
  public static final List<String> COLUMNS = List.of(MODEL_VERSION, CLUSTER, POOL, MEMBERS);

  private ExplorationTableDefinition() {}

  /** Deletes a version's clusters; one parameter, the version. */
  public static String deleteVersion() {
    return "DELETE FROM " + TABLE + " WHERE " + MODEL_VERSION + " = ?";
  }

  /** COPY of cluster rows in CSV, as {@link #appendCsvRow} writes them. */
  public static String copyIn() {
    return "COPY " + TABLE + " (" + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT csv)";
  }

  /** One CSV line of {@link #copyIn()}. */
  public static void appendCsvRow(
      StringBuilder b, String version, int cluster, int[] pool, int[] members) {
    b.append('"').append(version.replace("\"", "\"\"")).append("\",").append(cluster);
    b.append(",\"{");
    join(b, pool);
    b.append("}\",\"{");
    join(b, members);
    b.append("}\"\n");
  }

  /**
   * COPY out, in text form, of a version's clusters: lines {@code "cluster TAB {pool} TAB
   * {members}"}, by cluster. COPY takes no parameters, so the version is quoted here.
   */
  public static String copyOut(String version) {
    return "COPY (SELECT "
        + CLUSTER
        + ", "
        + POOL
        + ", "
        + MEMBERS
        + " FROM "
        + TABLE
        + " WHERE "
        + MODEL_VERSION
        + " = "
        + ServingTableDefinition.literal(version)
        + " ORDER BY "
        + CLUSTER
        + ") TO STDOUT";
  }

  private static void join(StringBuilder b, int[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values[i]);
    }
  }
}
