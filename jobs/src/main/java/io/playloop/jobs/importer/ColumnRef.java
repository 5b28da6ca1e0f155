package io.playloop.jobs.importer;

import io.playloop.jobs.UsageException;
import java.util.List;

/** A column of the input named by its header name or its 1-based number. */
public record ColumnRef(String name, int number) {

  /** "3" is the third column; anything else is a header name. */
  public static ColumnRef parse(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new UsageException("--" + option + " needs a column name or number");
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new UsageException("--" + option + " column numbers start at 1, got " + v);
      }
      return new ColumnRef(null, n);
    }
    return new ColumnRef(v, 0);
  }

  public static ColumnRef number(int n) {
    return new ColumnRef(null, n);
  }

  public static ColumnRef named(String name) {
    return new ColumnRef(name, 0);
  }

  /** The 0-based index in a row of {@code width} columns under {@code header} (null: none). */
  public int resolve(String role, List<String> header, int width) {
    if (name == null) {
      if (number > width) {
        throw new UsageException(
            "the " + role + " column is number " + number + " but rows have " + width + " columns");
      }
      return number - 1;
    }
    if (header == null) {
      throw new UsageException(
          "the " + role + " column is named '" + name + "' but the file has no header");
    }
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new UsageException(
        "no " + role + " column named '" + name + "' in the header " + String.join(", ", header));
  }

  @Override
  public String toString() {
    return name != null ? name : "#" + number;
  }
}
