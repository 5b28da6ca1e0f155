package io.playloop.jobs.benchmark;

import io.playloop.jobs.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the adjacency lines of the NGCF/LightGCN benchmark datasets: {@code user item item ...},
 * whitespace separated, the first id the user. A line with a user and no items is allowed (that
 * user has nothing in this file); anything that is not an integer id is refused with its line.
 */
public final class AdjacencyReader {
  private AdjacencyReader() {}

  /** The pairs of {@code file}, each with weight 1 and no time; {@code option} names the file. */
  public static InteractionArrays read(Path file, String option) {
    int[] users = new int[1024];
    int[] items = new int[1024];
    int n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] ids = trimmed.split("\\s+");
        int user = id(ids[0], file, lineNo, option);
        for (int t = 1; t < ids.length; t++) {
          if (n == users.length) {
            users = Arrays.copyOf(users, n * 2);
            items = Arrays.copyOf(items, n * 2);
          }
          users[n] = user;
          items[n] = id(ids[t], file, lineNo, option);
          n++;
        }
      }
    } catch (IOException e) {
      throw new UsageException("--" + option + " " + file + ": could not read: " + e.getMessage());
    }
    if (n == 0) {
      throw new UsageException("--" + option + " " + file + ": no user item pairs in the file");
    }
    return new InteractionArrays(
        Arrays.copyOf(users, n), Arrays.copyOf(items, n), ones(n), new long[n]);
  }

  private static int id(String token, Path file, long lineNo, String option) {
    try {
      int id = Integer.parseInt(token);
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--"
              + option
              + " "
              + file
              + " line "
              + lineNo
              + ": '"
              + token
              + "' is not a non-negative integer id (adjacency lines are: user item item ...)");
    }
  }

  private static float[] ones(int n) {
    float[] w = new float[n];
    Arrays.fill(w, 1f);
    return w;
  }
}
