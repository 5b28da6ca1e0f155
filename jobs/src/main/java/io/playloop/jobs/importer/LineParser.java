package io.playloop.jobs.importer;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Turns one data line into an interaction, or says why it cannot. */
final class LineParser implements Serializable {
  /** Epoch values above this are milliseconds (year 5138 in seconds). */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  private final InputLayout layout;

  LineParser(InputLayout layout) {
    this.layout = layout;
  }

  /** A parsed line: the interaction, or {@code error} set. Null time: the file has none. */
  record Parsed(int user, int item, double weight, Timestamp time, String error) {
    static Parsed bad(String error) {
      return new Parsed(0, 0, 0, null, error);
    }
  }

  Parsed parse(String line) {
    List<String> cells = LineSplitter.split(line, layout.delimiter());
    int needed =
        Math.max(
            Math.max(layout.userColumn(), layout.itemColumn()),
            Math.max(layout.weightColumn(), layout.timeColumn()));
    if (cells.size() <= needed) {
      return Parsed.bad("expected at least " + (needed + 1) + " columns, got " + cells.size());
    }
    String userCell = cells.get(layout.userColumn()).trim();
    String itemCell = cells.get(layout.itemColumn()).trim();
    if (userCell.isEmpty()) {
      return Parsed.bad("missing user id");
    }
    if (itemCell.isEmpty()) {
      return Parsed.bad("missing item id");
    }
    int user;
    int item;
    try {
      user = Integer.parseInt(userCell);
    } catch (NumberFormatException e) {
      return Parsed.bad("user id '" + shorten(userCell) + "' is not a whole number");
    }
    try {
      item = Integer.parseInt(itemCell);
    } catch (NumberFormatException e) {
      return Parsed.bad("item id '" + shorten(itemCell) + "' is not a whole number");
    }
    if (user <= 0) {
      return Parsed.bad("user id " + user + " is not positive");
    }
    if (item <= 0) {
      return Parsed.bad("item id " + item + " is not positive");
    }
    double weight = 1.0;
    if (layout.hasWeight()) {
      String w = cells.get(layout.weightColumn()).trim();
      try {
        weight = Double.parseDouble(w);
      } catch (NumberFormatException e) {
        return Parsed.bad("weight '" + shorten(w) + "' is not a number");
      }
      if (Double.isNaN(weight) || Double.isInfinite(weight)) {
        return Parsed.bad("weight '" + shorten(w) + "' is not a finite number");
      }
    }
    Timestamp time = null;
    if (layout.hasTime()) {
      String t = cells.get(layout.timeColumn()).trim();
      time = parseTime(t);
      if (time == null) {
        return Parsed.bad("time '" + shorten(t) + "' is neither epoch seconds nor an ISO date");
      }
    }
    return new Parsed(user, item, weight, time, null);
  }

  /** Epoch seconds or milliseconds, or an ISO date / date-time (UTC unless it has an offset). */
  static Timestamp parseTime(String t) {
    if (t.isEmpty()) {
      return null;
    }
    try {
      long epoch = Long.parseLong(t);
      return Timestamp.from(
          epoch > MILLIS_THRESHOLD ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch));
    } catch (NumberFormatException | java.time.DateTimeException notEpoch) {
      // try the date forms
    }
    String iso = t.replace(' ', 'T');
    try {
      return Timestamp.from(OffsetDateTime.parse(iso).toInstant());
    } catch (DateTimeParseException notOffset) {
      // try without offset
    }
    try {
      return Timestamp.from(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notLocal) {
      // try a plain date
    }
    try {
      return Timestamp.from(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notDate) {
      return null;
    }
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
