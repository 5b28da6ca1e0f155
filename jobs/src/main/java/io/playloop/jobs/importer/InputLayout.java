package io.playloop.jobs.importer;

import java.io.Serializable;
import java.util.List;

/**
 * A resolved layout: delimiter, whether line 1 is a header, and the 0-based column of user, item,
 * weight and time (-1: absent).
 */
public record InputLayout(
    char delimiter,
    boolean header,
    int userColumn,
    int itemColumn,
    int weightColumn,
    int timeColumn,
    List<String> headerNames)
    implements Serializable {

  public boolean hasTime() {
    return timeColumn >= 0;
  }

  public boolean hasWeight() {
    return weightColumn >= 0;
  }

  /** For the log: which columns were used. */
  public String describe() {
    return String.format(
        "delimiter %s, header %s, user %s, item %s, weight %s, time %s",
        delimiter == '\t' ? "tab" : "'" + delimiter + "'",
        header ? "yes" : "no",
        label(userColumn),
        label(itemColumn),
        weightColumn < 0 ? "none (1.0)" : label(weightColumn),
        timeColumn < 0 ? "none (random split)" : label(timeColumn));
  }

  private String label(int column) {
    String n = "#" + (column + 1);
    return headerNames != null && column < headerNames.size()
        ? n + " '" + headerNames.get(column).trim() + "'"
        : n;
  }
}
