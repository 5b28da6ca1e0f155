package io.playloop.jobs.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads an interactions file for the benchmark: movielens (u.data: user TAB item TAB rating TAB
 * timestamp), lastfm (user_artists.dat: header, then user TAB artist TAB plays) or csv (header,
 * then user,item[,weight[,timestamp]]).
 */
public final class InteractionFileReader {
  private InteractionFileReader() {}

  public static Interactions read(Path file, String format) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such input file: " + file);
    }
    String f = format.toLowerCase(Locale.ROOT);
    String separator;
    boolean header;
    switch (f) {
      case "movielens" -> {
        separator = "\t";
        header = false;
      }
      case "lastfm" -> {
        separator = "\t";
        header = true;
      }
      case "csv" -> {
        separator = ",";
        header = true;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown format '" + format + "' (expected movielens, lastfm or csv)");
    }
    int n = 0;
    int[] users = new int[1024];
    int[] items = new int[1024];
    float[] weights = new float[1024];
    long[] times = new long[1024];
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || (header && lineNo == 1)) {
          continue;
        }
        String[] parts = line.trim().split(separator);
        if (parts.length < 2) {
          throw new IllegalArgumentException(
              file
                  + " line "
                  + lineNo
                  + ": expected user"
                  + separator
                  + "item, got '"
                  + line
                  + "'");
        }
        if (n == users.length) {
          users = Arrays.copyOf(users, n * 2);
          items = Arrays.copyOf(items, n * 2);
          weights = Arrays.copyOf(weights, n * 2);
          times = Arrays.copyOf(times, n * 2);
        }
        try {
          users[n] = Integer.parseInt(parts[0].trim());
          items[n] = Integer.parseInt(parts[1].trim());
          weights[n] = parts.length > 2 ? Float.parseFloat(parts[2].trim()) : 1f;
          times[n] = parts.length > 3 ? Long.parseLong(parts[3].trim()) : 0L;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              file + " line " + lineNo + ": not a number in '" + line + "'", e);
        }
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException(file + " has no interactions");
    }
    return new Interactions(
        Arrays.copyOf(users, n),
        Arrays.copyOf(items, n),
        Arrays.copyOf(weights, n),
        Arrays.copyOf(times, n));
  }
}
