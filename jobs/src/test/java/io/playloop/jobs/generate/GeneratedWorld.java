package io.playloop.jobs.generate;

import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/** A generated world read back from the lake into plain collections, for assertions. */
final class GeneratedWorld {
  final Map<Integer, Set<Integer>> library = new HashMap<>();
  final Map<Integer, Double> exploration = new HashMap<>();
  final Map<Integer, Set<Integer>> playlistSongs = new HashMap<>();
  final Map<Integer, Integer> owner = new HashMap<>();
  final Map<Integer, String> name = new HashMap<>();
  final Set<Integer> cold = new HashSet<>();
  final Set<Integer> users = new HashSet<>();
  final List<Row> positives;
  final List<Row> triplets;
  final List<Row> valBatches;
  final List<Row> likes;
  final List<Row> popularity;

  GeneratedWorld(Lake lake) {
    for (Row r : lake.read(LakeTable.TRUTH_USER_LIBRARIES).collectAsList()) {
      library.put(r.getInt(0), new HashSet<>(r.<Integer>getList(1)));
      exploration.put(r.getInt(0), r.getDouble(2));
    }
    for (Row r : lake.read(LakeTable.TRUTH_PLAYLIST_SONGS).collectAsList()) {
      playlistSongs.put(r.getInt(0), new HashSet<>(r.<Integer>getList(1)));
    }
    for (Row r : lake.read(LakeTable.PLAYLISTS).collectAsList()) {
      owner.put(r.getInt(0), r.getInt(1));
      name.put(r.getInt(0), r.getString(2));
    }
    for (Row r : lake.read(LakeTable.USERS).collectAsList()) {
      users.add(r.getInt(0));
      if (r.getBoolean(1)) {
        cold.add(r.getInt(0));
      }
    }
    positives = lake.read(LakeTable.POSITIVES_SPLITS).collectAsList();
    triplets = lake.read(LakeTable.TRIPLETS).collectAsList();
    valBatches = lake.read(LakeTable.VAL_EVAL_BATCHES).collectAsList();
    likes = lake.read(LakeTable.TRUTH_LIKES).collectAsList();
    popularity = lake.read(LakeTable.POPULARITY).collectAsList();
  }

  /** The true score, written out again here so the test does not trust the generator's copy. */
  double score(int user, int playlist) {
    Set<Integer> songs = playlistSongs.get(playlist);
    long shared = songs.stream().filter(library.get(user)::contains).count();
    double e = exploration.get(user);
    return ((1 - e) * Math.log(1 + shared) + e)
        / (Math.sqrt(library.get(user).size()) * Math.sqrt(songs.size()));
  }

  Set<Integer> owned(int user) {
    return owner.entrySet().stream()
        .filter(e -> e.getValue() == user)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** Every playlist the user does not own, best true score first (ties: lower id first). */
  List<Integer> ranked(int user) {
    return rankings.computeIfAbsent(user, this::rank);
  }

  private final Map<Integer, List<Integer>> rankings = new HashMap<>();

  private List<Integer> rank(int user) {
    Set<Integer> owned = owned(user);
    List<Integer> out = new ArrayList<>();
    for (int p : playlistSongs.keySet()) {
      if (!owned.contains(p)) {
        out.add(p);
      }
    }
    Map<Integer, Double> s = new HashMap<>();
    out.forEach(p -> s.put(p, score(user, p)));
    out.sort(
        Comparator.<Integer>comparingDouble(s::get)
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    return out;
  }

  Map<Integer, Set<Integer>> likedBy() {
    Map<Integer, Set<Integer>> out = new HashMap<>();
    for (Row r : positives) {
      out.computeIfAbsent(r.getInt(0), k -> new HashSet<>()).add(r.getInt(1));
    }
    return out;
  }

  Map<Integer, List<Row>> positivesBy() {
    return positives.stream().collect(Collectors.groupingBy(r -> r.getInt(0)));
  }

  /** Every dataset as sorted strings: equal worlds give equal snapshots. */
  static Map<String, List<String>> snapshot(Lake lake) {
    Map<String, List<String>> out = new HashMap<>();
    for (LakeTable d :
        List.of(
            LakeTable.PLAYLISTS,
            LakeTable.USERS,
            LakeTable.TRIPLETS,
            LakeTable.POSITIVES_SPLITS,
            LakeTable.VAL_EVAL_BATCHES,
            LakeTable.POPULARITY,
            LakeTable.TRUTH_USER_LIBRARIES,
            LakeTable.TRUTH_PLAYLIST_SONGS,
            LakeTable.TRUTH_LIKES)) {
      out.put(d.path(), lake.read(d).collectAsList().stream().map(Row::toString).sorted().toList());
    }
    return out;
  }
}
