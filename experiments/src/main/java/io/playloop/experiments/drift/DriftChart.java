package io.playloop.experiments.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drift experiment's line chart as a self-contained SVG: the online score per week, one line
 * per arm, the drift weeks shaded. Plain strings: no plotting library on the jobs' classpath.
 */
final class DriftChart {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 420;
  private static final int LEFT = 64;
  private static final int RIGHT = 190;
  private static final int TOP = 48;
  private static final int BOTTOM = 56;
  private static final String[] COLOURS = {"#555555", "#d1492e", "#1f6fb4", "#2e9d4a", "#7a4fb0"};

  private DriftChart() {}

  /**
   * The chart of {@code scores} (weeks 1..N of each arm, in order); moves of taste could happen in
   * weeks {@code driftStart..driftEnd} (none when start > end).
   */
  static String svg(List<WeekScore> scores, int driftStart, int driftEnd, String title) {
    Map<String, List<WeekScore>> byArm = new LinkedHashMap<>();
    for (WeekScore s : scores) {
      byArm.computeIfAbsent(s.arm(), a -> new ArrayList<>()).add(s);
    }
    int firstWeek = scores.stream().mapToInt(WeekScore::week).min().orElse(1);
    int lastWeek =
        Math.max(firstWeek + 1, scores.stream().mapToInt(WeekScore::week).max().orElse(2));
    double top = scores.stream().mapToDouble(WeekScore::onlineScore).max().orElse(0);
    double yMax = Math.max(0.1, Math.ceil(top * 1.15 * 10) / 10);
    Axes axes = new Axes(firstWeek - 0.5, lastWeek + 0.5, yMax);

    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"13\">%n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    b.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"26\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
            LEFT,
            escape(title)));
    if (driftStart <= driftEnd) {
      double x0 = axes.x(Math.max(driftStart - 0.5, axes.xMin));
      double x1 = axes.x(Math.min(driftEnd + 0.5, axes.xMax));
      b.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"drift\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                  + " fill=\"#f2c14e\" fill-opacity=\"0.25\"/>%n",
              x0,
              TOP,
              x1 - x0,
              HEIGHT - TOP - BOTTOM));
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#8a6d00\">taste drift</text>%n",
              x0 + 4,
              TOP + 14));
    }
    for (int i = 0; i <= 5; i++) {
      double v = yMax * i / 5;
      double y = axes.y(v);
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
              LEFT,
              y,
              WIDTH - RIGHT,
              y));
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
              LEFT - 6,
              y + 4,
              v));
    }
    for (int w = firstWeek; w <= lastWeek; w++) {
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
              axes.x(w),
              HEIGHT - BOTTOM + 18,
              w));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
            LEFT,
            HEIGHT - BOTTOM,
            WIDTH - RIGHT,
            HEIGHT - BOTTOM));
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
            LEFT,
            TOP,
            LEFT,
            HEIGHT - BOTTOM));
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">simulated week (served by the model"
                + " trained up to the week before)</text>%n",
            (LEFT + WIDTH - RIGHT) / 2.0,
            HEIGHT - 14));
    b.append(
        String.format(
            Locale.ROOT,
            "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">online"
                + " score (MRR of the like, none = 0)</text>%n",
            (TOP + HEIGHT - BOTTOM) / 2.0));

    int arm = 0;
    for (Map.Entry<String, List<WeekScore>> e : byArm.entrySet()) {
      String colour = COLOURS[arm % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (WeekScore s : e.getValue()) {
        points.append(
            String.format(Locale.ROOT, "%.1f,%.1f ", axes.x(s.week()), axes.y(s.onlineScore())));
      }
      b.append(
          String.format(
              "<polyline class=\"arm\" data-arm=\"%s\" fill=\"none\" stroke=\"%s\""
                  + " stroke-width=\"2.5\" points=\"%s\"/>%n",
              escape(e.getKey()), colour, points.toString().trim()));
      for (WeekScore s : e.getValue()) {
        b.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s, week %d: %.3f"
                    + " (%d likes of %d served)</title></circle>%n",
                axes.x(s.week()),
                axes.y(s.onlineScore()),
                colour,
                escape(s.arm()),
                s.week(),
                s.onlineScore(),
                s.likes(),
                s.served()));
      }
      int ly = TOP + 10 + arm * 24;
      b.append(
          String.format(
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"/>%n",
              WIDTH - RIGHT + 16, ly, WIDTH - RIGHT + 40, ly, colour));
      b.append(
          String.format(
              "<text x=\"%d\" y=\"%d\">%s</text>%n",
              WIDTH - RIGHT + 46, ly + 4, escape(e.getKey())));
      arm++;
    }
    b.append("</svg>\n");
    return b.toString();
  }

  /** Data to pixels. */
  private record Axes(double xMin, double xMax, double yMax) {
    double x(double week) {
      return LEFT + (week - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    double y(double value) {
      return HEIGHT - BOTTOM - value / yMax * (HEIGHT - TOP - BOTTOM);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
