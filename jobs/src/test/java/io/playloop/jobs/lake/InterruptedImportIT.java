package io.playloop.jobs.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.LakeTables;
import io.playloop.jobs.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job killed (SIGKILL) while it writes leaves every table at its previous version or its new
 * complete one, never partial; the rerun completes without duplicates.
 */
class InterruptedImportIT {
  private static final String[] TABLES = {
    "PLAYLISTS", "USERS", "POSITIVES_SPLITS", "TRIPLETS", "VAL_EVAL_BATCHES", "POPULARITY"
  };

  @TempDir Path dir;

  @Test
  void killedImportLeavesThePreviousVersionReadableAndTheRerunDoesNotDuplicate() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Launcher launcher = new Launcher(dir);
      String lake = dir.resolve("lake").toUri().toString();
      Path small = write("small.tsv", 20, 20, 200);
      Launcher.Result first =
          launcher.run("first", Map.of(), 600, importArgs(small, lake, db.url()));
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      Map<String, long[]> before = LakeTables.probe(dir, lake, TABLES);

      int users = 400;
      int perUser = 40;
      Path large = write("large.tsv", users, perUser, 2000);
      Process killed = launcher.start("killed", Map.of(), importArgs(large, lake, db.url()));
      // Kill as soon as the first table of the new import is committed: the others are then
      // being computed or written.
      Path playlistsV1 = dir.resolve("lake/catalog/playlists/_delta_log/00000000000000000001.json");
      long deadline = System.currentTimeMillis() + 900_000;
      while (!Files.exists(playlistsV1) && killed.isAlive()) {
        assertThat(System.currentTimeMillis()).as("import never wrote").isLessThan(deadline);
        Thread.sleep(25);
      }
      assertThat(killed.isAlive()).as("the import ended before it could be killed").isTrue();
      killed.descendants().forEach(ProcessHandle::destroyForcibly);
      killed.destroyForcibly();
      assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Map<String, long[]> afterKill = LakeTables.probe(dir, lake, TABLES);
      // The big table had not been committed: readers still see the whole previous version.
      assertThat(afterKill.get("POSITIVES_SPLITS")).containsExactly(before.get("POSITIVES_SPLITS"));
      assertThat(afterKill.get("TRIPLETS")).containsExactly(before.get("TRIPLETS"));

      Launcher.Result rerun =
          launcher.run("rerun", Map.of(), 1200, importArgs(large, lake, db.url()));
      assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
      Map<String, long[]> after = LakeTables.probe(dir, lake, TABLES);
      long positives = (long) users * perUser;
      assertThat(after.get("POSITIVES_SPLITS")[1]).isEqualTo(positives);
      assertThat(after.get("USERS")[1]).isEqualTo(users);
      for (String table : TABLES) {
        long[] v = after.get(table);
        assertThat(v[1]).as(table + " has duplicate rows").isEqualTo(v[2]);
        // Each table of the killed run was at the old version or a complete new one.
        long[] k = afterKill.get(table);
        assertThat(k[1] == before.get(table)[1] || k[1] == v[1])
            .as(table + " after the kill: " + k[1] + " rows")
            .isTrue();
        assertThat(k[1]).isEqualTo(k[2]);
      }
    }
  }

  private static String[] importArgs(Path input, String lake, String db) {
    return new String[] {
      "import", "--input", input.toString(), "--format", "movielens", "--lake", lake, "--db", db
    };
  }

  /** users x perUser distinct interactions over {@code items} items, in MovieLens u.data form. */
  private Path write(String name, int users, int perUser, int items) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int u = 1; u <= users; u++) {
      Set<Integer> seen = new HashSet<>();
      for (int j = 0; seen.size() < perUser; j++) {
        int item = (int) ((u * 7919L + j * 104729L) % items) + 1;
        if (seen.add(item)) {
          b.append(u).append('\t').append(item).append('\t').append(1 + j % 5).append('\t');
          b.append(880_000_000L + u * 10_000L + j).append('\n');
        }
      }
    }
    return Files.writeString(dir.resolve(name), b.toString());
  }
}
