package io.playloop.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads lake tables from an integration test through {@code LakeProbe} in a child JVM. */
public final class LakeTables {
  private LakeTables() {}

  /** Per dataset name: {version, rows, distinct rows} (version -1: no table). */
  public static Map<String, long[]> probe(Path workDir, String lakeUri, String... datasets)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(lakeUri));
    args.addAll(List.of(datasets));
    List<String> command =
        Launcher.javaCommand(
            "768m", "io.playloop.jobs.lake.LakeProbe", args.toArray(String[]::new));
    Path out = Files.createTempFile(workDir, "probe", ".out");
    Path err = Files.createTempFile(workDir, "probe", ".err");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the lake probe did not finish in 300 s");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("the lake probe failed: " + Files.readString(err));
    }
    Map<String, long[]> tables = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out)) {
      String[] f = line.trim().split(" ");
      if (f.length == 4) {
        tables.put(
            f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
      }
    }
    return tables;
  }
}
