package io.playloop.jobs.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small interaction files for tests: user u (1..users) touched 10+u of the items 1..items, each at
 * a distinct time that is not in item order, rated 1..5.
 */
final class InteractionFiles {
  static final long BASE_TIME = 900_000_000L;

  private InteractionFiles() {}

  record Line(int user, int item, int rating, long time) {}

  static List<Line> world(int users, int items) {
    List<Line> lines = new ArrayList<>();
    for (int u = 1; u <= users; u++) {
      int n = 10 + u;
      for (int j = 0; j < n; j++) {
        int item = ((u * 11 + j * 7) % items) + 1;
        long time = BASE_TIME + u * 100_000L + ((j * 37L) % n) * 60;
        lines.add(new Line(u, item, 1 + (j % 5), time));
      }
    }
    return lines;
  }

  /** MovieLens u.data: tab separated user item rating timestamp, no header. */
  static Path movielens(Path dir, List<Line> lines) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Line l : lines) {
      b.append(l.user()).append('\t').append(l.item()).append('\t').append(l.rating());
      b.append('\t').append(l.time()).append('\n');
    }
    return write(dir.resolve("u.data"), b.toString());
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
