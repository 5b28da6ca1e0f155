package io.playloop.jobs.importer;

import io.playloop.jobs.UsageException;
import java.util.List;
import java.util.Locale;

/**
 * How an interactions file is laid out: delimiter (null: detect tab or comma), header (null:
 * detect), and which columns hold user, item, weight and time (weight and time may be absent, null
 * user/item/weight/time: pick by well-known header names, else columns 1 to 4).
 */
public record InteractionsFormat(
    String name,
    Character delimiter,
    Boolean header,
    ColumnRef user,
    ColumnRef item,
    ColumnRef weight,
    ColumnRef time,
    boolean hasWeight,
    boolean hasTime) {

  static final List<String> USER_NAMES = List.of("user_id", "userid", "user", "uid");
  static final List<String> ITEM_NAMES =
      List.of(
          "item_id",
          "itemid",
          "item",
          "movieid",
          "movie_id",
          "artistid",
          "artist_id",
          "playlist_id",
          "track_id");
  static final List<String> WEIGHT_NAMES =
      List.of("weight", "rating", "count", "plays", "playcount", "score", "value");
  static final List<String> TIME_NAMES =
      List.of("timestamp", "time", "event_time", "datetime", "date", "ts");

  /** MovieLens u.data: tab, no header: user item rating timestamp. */
  public static InteractionsFormat movielens() {
    return new InteractionsFormat(
        "movielens",
        '\t',
        false,
        ColumnRef.number(1),
        ColumnRef.number(2),
        ColumnRef.number(3),
        ColumnRef.number(4),
        true,
        true);
  }

  /** Last.fm hetrec user_artists.dat: tab with header userID artistID weight, no time. */
  public static InteractionsFormat lastfm() {
    return new InteractionsFormat(
        "lastfm",
        '\t',
        true,
        ColumnRef.named("userID"),
        ColumnRef.named("artistID"),
        ColumnRef.named("weight"),
        null,
        true,
        false);
  }

  /** A generic CSV or TSV: everything detected unless given. */
  public static InteractionsFormat csv() {
    return new InteractionsFormat("csv", null, null, null, null, null, null, true, true);
  }

  public static InteractionsFormat byName(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "movielens" -> movielens();
      case "lastfm" -> lastfm();
      case "csv", "tsv" -> csv();
      default ->
          throw new UsageException(
              "--format must be movielens, lastfm or csv, got '" + format + "'");
    };
  }

  public InteractionsFormat withDelimiter(Character d) {
    return new InteractionsFormat(name, d, header, user, item, weight, time, hasWeight, hasTime);
  }

  public InteractionsFormat withHeader(Boolean h) {
    return new InteractionsFormat(name, delimiter, h, user, item, weight, time, hasWeight, hasTime);
  }

  public InteractionsFormat withUser(ColumnRef c) {
    return new InteractionsFormat(
        name, delimiter, header, c, item, weight, time, hasWeight, hasTime);
  }

  public InteractionsFormat withItem(ColumnRef c) {
    return new InteractionsFormat(
        name, delimiter, header, user, c, weight, time, hasWeight, hasTime);
  }

  /** A weight column, or none (null: every interaction weighs 1). */
  public InteractionsFormat withWeight(ColumnRef c, boolean present) {
    return new InteractionsFormat(name, delimiter, header, user, item, c, time, present, hasTime);
  }

  /** A time column, or none (null: no times, the split is random). */
  public InteractionsFormat withTime(ColumnRef c, boolean present) {
    return new InteractionsFormat(
        name, delimiter, header, user, item, weight, c, hasWeight, present);
  }

  /** "tab", "comma", "semicolon", "pipe", "space", "\t" or a single character. */
  public static Character parseDelimiter(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "tab", "\\t", "\t" -> '\t';
      case "comma", "," -> ',';
      case "semicolon", ";" -> ';';
      case "pipe", "|" -> '|';
      case "space", " " -> ' ';
      default -> {
        if (value.length() != 1) {
          throw new UsageException(
              "--delimiter must be tab, comma, semicolon, pipe, space or one character, got '"
                  + value
                  + "'");
        }
        yield value.charAt(0);
      }
    };
  }

  /** Fixes every undecided choice by looking at the file's first line. */
  public InputLayout resolve(String firstLine) {
    if (firstLine == null) {
      throw new UsageException("the input file is empty");
    }
    char d = delimiter != null ? delimiter : (firstLine.indexOf('\t') >= 0 ? '\t' : ',');
    List<String> first = LineSplitter.split(firstLine, d);
    boolean hasHeader = header != null ? header : looksLikeHeader(first);
    List<String> names = hasHeader ? first : null;
    int width = first.size();
    int u = pick(user, "user", USER_NAMES, 1, names, width, true);
    int i = pick(item, "item", ITEM_NAMES, 2, names, width, true);
    int w = hasWeight ? pick(weight, "weight", WEIGHT_NAMES, 3, names, width, weight != null) : -1;
    int t = hasTime ? pick(time, "time", TIME_NAMES, 4, names, width, time != null) : -1;
    if (u == i) {
      throw new UsageException("the user and item columns are the same column");
    }
    return new InputLayout(d, hasHeader, u, i, w, t, names);
  }

  /** A header's first cell is not a number; a data row's user id is. */
  private static boolean looksLikeHeader(List<String> cells) {
    String c = cells.get(0).trim();
    return !c.isEmpty() && !c.chars().allMatch(Character::isDigit);
  }

  /**
   * The given column, or a well-known header name, or the positional default; -1 when an optional
   * column (weight, time) is not there.
   */
  private static int pick(
      ColumnRef given,
      String role,
      List<String> wellKnown,
      int position,
      List<String> header,
      int width,
      boolean required) {
    if (given != null) {
      return given.resolve(role, header, width);
    }
    if (header != null) {
      for (String n : wellKnown) {
        for (int i = 0; i < header.size(); i++) {
          if (header.get(i).trim().equalsIgnoreCase(n)) {
            return i;
          }
        }
      }
      if (!required && !role.equals("user") && !role.equals("item")) {
        // A header without a known weight/time name: that column is simply absent.
        return -1;
      }
    }
    if (position <= width) {
      return position - 1;
    }
    if (role.equals("user") || role.equals("item")) {
      throw new UsageException(
          "rows have "
              + width
              + " column(s); name the "
              + role
              + " column with --"
              + role
              + "-col");
    }
    return -1;
  }
}
