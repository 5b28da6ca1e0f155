package io.playloop.serving.dashboard;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Server-rendered SVG line charts: no JavaScript, readable in any browser and in a screenshot. Days
 * run along x, values along y; each series is one coloured line with a legend entry, and every
 * point carries a tooltip with its exact value.
 */
final class SvgChart {
  private static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
  };
  private static final int WIDTH = 640;
  private static final int HEIGHT = 240;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 44;

  private SvgChart() {}

  /** A point of a series. */
  record Point(LocalDate day, double value) {}

  static String lines(String title, Map<String, List<Point>> series, boolean percent) {
    StringBuilder b = new StringBuilder();
    b.append("<figure class=\"chart\"><figcaption>")
        .append(Html.escape(title))
        .append("</figcaption>");
    LocalDate first = null;
    LocalDate last = null;
    double max = 0;
    for (List<Point> points : series.values()) {
      for (Point p : points) {
        first = first == null || p.day().isBefore(first) ? p.day() : first;
        last = last == null || p.day().isAfter(last) ? p.day() : last;
        max = Math.max(max, p.value());
      }
    }
    if (first == null) {
      return b.append("<p class=\"empty\">No data in this range.</p></figure>").toString();
    }
    double top = niceCeiling(max);
    long span = ChronoUnit.DAYS.between(first, last);
    long days = Math.max(1, span);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    b.append("<svg viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    // Grid and y labels.
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      double y = TOP + plotH - plotH * (v / top);
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" class=\"ylabel\" text-anchor=\"end\">%s</text>",
              LEFT,
              y,
              WIDTH - RIGHT,
              y,
              LEFT - 6,
              y + 4,
              format(v, percent)));
    }
    // x labels: first, middle and last day.
    // One day of data: one label and the points in the middle, not three labels on top of each
    // other at the left edge.
    List<LocalDate> labels =
        span == 0 ? List.of(first) : List.of(first, first.plusDays(days / 2), last);
    String[] anchors =
        span == 0 ? new String[] {"middle"} : new String[] {"start", "middle", "end"};
    for (int i = 0; i < labels.size(); i++) {
      LocalDate d = labels.get(i);
      double x = x(first, d, days, span, plotW);
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"xlabel\" text-anchor=\"%s\">%s</text>",
              x,
              HEIGHT - BOTTOM + 16,
              anchors[i],
              d));
    }
    int colour = 0;
    int legendX = LEFT;
    for (Map.Entry<String, List<Point>> e : series.entrySet()) {
      String c = COLOURS[colour++ % COLOURS.length];
      StringBuilder path = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (Point p : e.getValue()) {
        double x = x(first, p.day(), days, span, plotW);
        double y = TOP + plotH - plotH * (p.value() / top);
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        dots.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s %s: %s</title></circle>",
                x,
                y,
                c,
                Html.escape(e.getKey()),
                p.day(),
                format(p.value(), percent)));
      }
      b.append("<path d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke=\"")
          .append(c)
          .append("\" stroke-width=\"2\"/>")
          .append(dots);
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>",
              legendX,
              HEIGHT - 16,
              c,
              legendX + 14,
              HEIGHT - 7,
              Html.escape(e.getKey())));
      legendX += 24 + 7 * e.getKey().length();
    }
    return b.append("</svg></figure>").toString();
  }

  private static double x(LocalDate first, LocalDate day, long days, long span, int plotW) {
    if (span == 0) {
      return LEFT + plotW / 2.0;
    }
    return LEFT + plotW * (ChronoUnit.DAYS.between(first, day) / (double) days);
  }

  static String format(double v, boolean percent) {
    if (percent) {
      return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** 1, 2 or 5 times a power of ten, at or above {@code max}. */
  static double niceCeiling(double max) {
    if (max <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * magnitude >= max) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
