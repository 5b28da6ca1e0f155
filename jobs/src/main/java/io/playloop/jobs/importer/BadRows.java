package io.playloop.jobs.importer;

import java.util.List;

/** The rows an import could not use: how many of how many data lines, and a few examples. */
public record BadRows(long count, long dataLines, List<Sample> samples) {

  /** One bad line: its 1-based line number in the file and why it was refused. */
  public record Sample(long line, String reason) {}

  /** "3 of 1000 rows unusable, e.g. line 5: missing user id; line 9: ..." */
  public String describe() {
    if (count == 0) {
      return "no bad rows in " + dataLines + " data lines";
    }
    StringBuilder b = new StringBuilder(count + " of " + dataLines + " data lines unusable, e.g. ");
    for (int i = 0; i < samples.size(); i++) {
      if (i > 0) {
        b.append("; ");
      }
      b.append("line ").append(samples.get(i).line()).append(": ").append(samples.get(i).reason());
    }
    return b.toString();
  }

  public List<Long> sampleLines() {
    return samples.stream().map(Sample::line).toList();
  }
}
