package io.playloop.core.serving;

import java.util.List;

/**
 * The serving tables as {@code score} writes them and the server reads them: {@code
 * recommendations} (one row per model version and user: the ranked playlists and their scores) and
 * {@code popular_playlists} (each version's popularity fallback, by rank). Their names, columns and
 * text forms are defined here once.
 */
public final class ServingTableDefinition {
  public static final String RECOMMENDATIONS = "recommendations";
  public static final String POPULAR = "popular_playlists";

  public static final String MODEL_VERSION = "model_version";
  public static final String USER_ID = "user_id";
  public static final String PLAYLISTS = "playlists";
  public static final String SCORES = "scores";
  public static final String RANK = "rank";
  public static final String PLAYLIST_ID = "playlist_id";

  /** The columns of {@code recommendations}, in the writer's COPY order. */
  public static final List<String> RECOMMENDATION_COLUMNS =
      List.of(MODEL_VERSION, USER_ID, PLAYLISTS, SCORES);

  /** Both tables: a version's rows are replaced in both together. */
  public static final List<String> TABLES = List.of(RECOMMENDATIONS, POPULAR);

  private ServingTableDefinition() {}

  // ---- the writer (score) ----

  /** Deletes a version's rows from {@code table} (one of {@link #TABLES}); one parameter. */
  public static String deleteVersion(String table) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("not a serving table: " + table);
    }
    return "DELETE FROM " + table + " WHERE " + MODEL_VERSION + " = ?";
  }

  /** COPY of recommendation rows in CSV, as {@link #appendCsvRow} writes them. */
  public static String copyRecommendationsIn() {
    return "COPY "
        + RECOMMENDATIONS
        + " ("
        + String.join(", ", RECOMMENDATION_COLUMNS)
        + ") FROM STDIN (FORMAT csv)";
  }

  /** One CSV line of {@link #copyRecommendationsIn()}: a user's ranked playlists and scores. */
  public static void appendCsvRow(
      StringBuilder b, String version, int user, List<?> playlists, List<?> scores) {
    b.append('"').append(version.replace("\"", "\"\"")).append("\",").append(user).append(",\"{");
    join(b, playlists);
    b.append("}\",\"{");
    join(b, scores);
    b.append("}\"\n");
  }

  /** Inserts one popular playlist: version, rank (1 = most popular), playlist id. */
  public static String insertPopular() {
    return "INSERT INTO "
        + POPULAR
        + " ("
        + MODEL_VERSION
        + ", "
        + RANK
        + ", "
        + PLAYLIST_ID
        + ") VALUES (?, ?, ?)";
  }

  // ---- the readers (the server, promotion) ----

  /** How many users a version has and how many playlists in all; one parameter, the version. */
  public static String countRecommendations() {
    return "SELECT count(*), coalesce(sum(cardinality("
        + PLAYLISTS
        + ")), 0) FROM "
        + RECOMMENDATIONS
        + " WHERE "
        + MODEL_VERSION
        + " = ?";
  }

  /** Whether a version has any row; one parameter, the version. */
  public static String anyRecommendation() {
    return "SELECT 1 FROM " + RECOMMENDATIONS + " WHERE " + MODEL_VERSION + " = ? LIMIT 1";
  }

  /**
   * COPY out, in text form, of each user's playlists of {@code version}: lines {@code "user TAB
   * {p1,p2,...}"}. COPY takes no parameters, so the version is quoted here.
   */
  public static String copyUserListsOut(String version) {
    return "COPY (SELECT "
        + USER_ID
        + ", "
        + PLAYLISTS
        + " FROM "
        + RECOMMENDATIONS
        + " WHERE "
        + MODEL_VERSION
        + " = "
        + literal(version)
        + ") TO STDOUT";
  }

  /** A version's popular playlists, most popular first; one parameter, the version. */
  public static String selectPopular() {
    return "SELECT "
        + PLAYLIST_ID
        + " FROM "
        + POPULAR
        + " WHERE "
        + MODEL_VERSION
        + " = ? ORDER BY "
        + RANK;
  }

  /** A SQL string literal. */
  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static void join(StringBuilder b, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values.get(i));
    }
  }
}
