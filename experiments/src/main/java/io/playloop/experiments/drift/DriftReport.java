package io.playloop.experiments.drift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes the drift experiment's numbers: drift.csv (one row per arm and week) and drift.json. */
final class DriftReport {
  private DriftReport() {}

  static final String CSV_HEADER =
      "arm,week,model_version,served,likes,like_rate,mean_reciprocal_rank_of_like,online_score";

  static String csv(List<WeekScore> scores) {
    StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
    for (WeekScore s : scores) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%s,%d,%d,%.4f,%.4f,%.4f%n",
              s.arm(),
              s.week(),
              s.modelVersion(),
              s.served(),
              s.likes(),
              s.likeRate(),
              s.meanReciprocalRankOfLike(),
              s.onlineScore()));
    }
    return b.toString();
  }

  /**
   * The setup (flat strings), the first drift week and each arm's weeks in order (online score,
   * like rate, model version, and the counts behind them), as JSON.
   */
  static String json(Map<String, String> setup, List<WeekScore> scores, int driftWeek) {
    String setupJson =
        setup.entrySet().stream()
            .map(e -> "    " + quote(e.getKey()) + ": " + quote(e.getValue()))
            .collect(Collectors.joining(",\n", "{\n", "\n  }"));
    Map<String, List<WeekScore>> byArm = new LinkedHashMap<>();
    for (WeekScore s : scores) {
      byArm.computeIfAbsent(s.arm(), a -> new ArrayList<>()).add(s);
    }
    String arms =
        byArm.entrySet().stream()
            .map(
                e ->
                    "    {\"name\": "
                        + quote(e.getKey())
                        + ", \"weeks\": "
                        + e.getValue().stream()
                            .map(DriftReport::weekJson)
                            .collect(Collectors.joining(",\n", "[\n", "\n    ]"))
                        + "}")
            .collect(Collectors.joining(",\n", "[\n", "\n  ]"));
    return "{\n  \"drift_week\": "
        + driftWeek
        + ",\n  \"setup\": "
        + setupJson
        + ",\n  \"arms\": "
        + arms
        + "\n}\n";
  }

  private static String weekJson(WeekScore s) {
    return String.format(
        Locale.ROOT,
        "      {\"week\": %d, \"online_score\": %.4f, \"like_rate\": %.4f,"
            + " \"model_version\": %s, \"served\": %d, \"likes\": %d,"
            + " \"mean_reciprocal_rank_of_like\": %.4f}",
        s.week(),
        s.onlineScore(),
        s.likeRate(),
        quote(s.modelVersion()),
        s.served(),
        s.likes(),
        s.meanReciprocalRankOfLike());
  }

  static void write(
      Path dir, Map<String, String> setup, List<WeekScore> scores, int driftWeek, String svg)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("drift.csv"), csv(scores), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("drift.json"), json(setup, scores, driftWeek), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("drift.svg"), svg, StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    io.playloop.core.api.ApiJson.appendString(b, s);
    return b.toString();
  }
}
