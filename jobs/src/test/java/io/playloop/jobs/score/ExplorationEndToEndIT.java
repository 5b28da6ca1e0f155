package io.playloop.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.Launcher;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.metrics.MetricsJob;
import io.playloop.jobs.train.TrainJob;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exploration end to end: a real train and score (which writes the taste clusters), the packaged
 * server exploring every request and then none, its impressions read back from PostgreSQL with
 * their propensities, likes through the API and a real metrics run whose split online score reaches
 * the dashboard table and {@code /metrics}.
 */
class ExplorationEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  /** One answer: the request id the server returned and the playlists served. */
  record Served(int user, String requestId, List<Integer> playlists) {
    String baseRequestId() {
      int dot = requestId.indexOf('.');
      return dot < 0 ? requestId : requestId.substring(0, dot);
    }
  }

  @Test
  void exploredSlotsCarryTheirPropensityAndScoreApartOnline() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Path lake = dir.resolve("lake");
      TasteWorld.write(new Lake(SharedSpark.get(), lake.toUri().toString()), 240, 300, 6, 7);
      TestJobs.run(
          new TrainJob(),
          Map.of("algorithms", "popularity,als", "budget", "1", "als-iterations", "4"),
          db,
          lake);
      TestJobs.run(new ScoreJob(), Map.of("candidates", "catalog"), db, lake);
      String active = query(db, "SELECT model_version FROM models WHERE status = 'active'");
      assertThat(active).isNotNull();
      Clusters clusters = Clusters.read(db, active);
      assertThat(clusters.pools).hasSizeGreaterThan(1);

      Launcher launcher = new Launcher(dir);
      List<Served> explored = new ArrayList<>();
      int logged; // impressions written by the exploring server
      try (Server server = Server.start(launcher, db, "1.0")) {
        for (int user = 1; user <= 60; user++) {
          explored.add(server.recommend(user));
        }
        awaitCount(db, "SELECT count(*) FROM impressions", 60);
        Map<String, Impression> impressions = Impression.readAll(db);
        int exploring = 0;
        for (Served s : explored) {
          Impression imp = impressions.get(s.baseRequestId() + "/" + s.user());
          assertThat(imp).as("impression of %s", s).isNotNull();
          assertThat(imp.playlists).isEqualTo(s.playlists());
          Expected e = clusters.expected(db, active, s.user(), s.playlists());
          if (e.eligibleClusters == 0) {
            assertThat(imp.exploredPositions).isEmpty();
            continue;
          }
          exploring++;
          // The last position explored, outside the user's list, with the policy's probability.
          assertThat(imp.exploredPositions).containsExactly(s.playlists().size());
          assertThat(e.topN).doesNotContain(s.playlists().get(s.playlists().size() - 1));
          assertThat((double) imp.propensities.get(0))
              .as("user %d", s.user())
              .isCloseTo(1.0 / (e.eligibleClusters * e.allowedInCluster), within(1e-6));
        }
        assertThat(exploring)
            .as("users with a cluster their list does not cover")
            .isGreaterThan(45);

        // Likes: six of an explored playlist (position 5), four of the first, exploited one.
        int onExplored = 0;
        int onExploited = 0;
        Map<Served, Integer> likedExplored = new HashMap<>();
        for (Served s : explored) {
          Impression imp = impressions.get(s.baseRequestId() + "/" + s.user());
          if (imp.exploredPositions.isEmpty() || s.playlists().size() < 5) {
            continue;
          }
          if (onExplored < 6) {
            server.like(s, s.playlists().get(4));
            likedExplored.put(s, s.playlists().get(4));
            onExplored++;
          } else if (onExploited < 4) {
            server.like(s, s.playlists().get(0));
            onExploited++;
          }
        }
        assertThat(onExplored + onExploited).isEqualTo(10);
        awaitCount(db, "SELECT count(*) FROM feedback", 10);
        TestJobs.run(new MetricsJob(), Map.of(), db, lake);
        assertThat(dashboard(db, "explore")).isCloseTo(6 * 0.2 / 10, within(1e-9));
        assertThat(dashboard(db, "exploit")).isCloseTo(4 * 1.0 / 10, within(1e-9));
        String metrics = server.get("/metrics");
        assertThat(metrics)
            .contains("playloop_online_score_by_slot{slot=\"explore\"} 0.12")
            .contains("playloop_online_score_by_slot{slot=\"exploit\"} 0.4");

        // The next answer follows each explored like: its cluster's most liked pool playlist the
        // user may be shown comes first, chosen for sure once the request explores (propensity =
        // share, 1), and the kept positions follow it.
        List<Served> followUps = new ArrayList<>();
        for (Map.Entry<Served, Integer> liked : likedExplored.entrySet()) {
          Served before = liked.getKey();
          Served again = server.recommend(before.user());
          followUps.add(again);
          int n = again.playlists().size();
          List<Integer> kept = again.playlists().subList(1, n);
          assertThat(kept)
              .as("the kept positions, one lower")
              .isEqualTo(before.playlists().subList(0, n - 1));
          assertThat(again.playlists().get(0))
              .as("user %d after liking %d", again.user(), liked.getValue())
              .isEqualTo(clusters.followUp(db, again.user(), liked.getValue(), kept));
        }
        logged = 60 + followUps.size();
        awaitCount(db, "SELECT count(*) FROM impressions", logged);
        Map<String, Impression> later = Impression.readAll(db);
        for (Served again : followUps) {
          Impression imp = later.get(again.baseRequestId() + "/" + again.user());
          assertThat(imp.exploredPositions).containsExactly(1);
          assertThat(imp.propensities).containsExactly(1f);
        }
      }

      try (Server server = Server.start(launcher, db, "0")) {
        List<Served> plain = new ArrayList<>();
        for (int user = 61; user <= 90; user++) {
          plain.add(server.recommend(user));
        }
        awaitCount(db, "SELECT count(*) FROM impressions", logged + plain.size());
        Map<String, Impression> impressions = Impression.readAll(db);
        for (Served s : plain) {
          int user = s.user();
          Impression imp = impressions.get(s.baseRequestId() + "/" + user);
          assertThat(imp).as("impression of %s", s).isNotNull();
          assertThat(imp.exploredPositions).isEmpty();
          assertThat(imp.propensities).isEmpty();
          Expected e = clusters.expected(db, active, user, s.playlists());
          if (e.topN.size() >= 5) {
            assertThat(e.topN).containsAll(s.playlists());
          }
        }
      }
    }
  }

  /** The newest online score by slot in the dashboard table. */
  private static double dashboard(TestDatabase db, String slot) throws Exception {
    return Double.parseDouble(
        query(
            db,
            "SELECT value FROM dashboard_feedback WHERE metric = 'online_score_by_slot'"
                + " AND segment = '"
                + slot
                + "' ORDER BY day DESC LIMIT 1"));
  }

  /** What the policy allows for one answer, worked out from the tables the server loaded. */
  record Expected(Set<Integer> topN, int eligibleClusters, int allowedInCluster) {}

  /** The version's taste clusters as score wrote them. */
  record Clusters(List<List<Integer>> pools, Map<Integer, Integer> clusterOf) {
    static Clusters read(TestDatabase db, String version) throws Exception {
      List<List<Integer>> pools = new ArrayList<>();
      Map<Integer, Integer> clusterOf = new HashMap<>();
      try (Connection c = db.connect();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT cluster, pool, members FROM exploration_clusters"
                      + " WHERE model_version = ? ORDER BY cluster")) {
        ps.setString(1, version);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assertThat(rs.getInt(1)).isEqualTo(pools.size());
            pools.add(ints(rs.getArray(2)));
            for (int p : ints(rs.getArray(3))) {
              assertThat(clusterOf.put(p, rs.getInt(1))).as("one cluster per playlist").isNull();
            }
          }
        }
      }
      return new Clusters(pools, clusterOf);
    }

    /** The user's list, the clusters exploration could draw from and the allowed pool size. */
    Expected expected(TestDatabase db, String version, int user, List<Integer> served)
        throws Exception {
      Set<Integer> owned = new HashSet<>();
      Set<Integer> topN = new HashSet<>();
      try (Connection c = db.connect()) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT playlist_id FROM playlists WHERE owner_user_id = ?")) {
          ps.setInt(1, user);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              owned.add(rs.getInt(1));
            }
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT playlists FROM recommendations WHERE model_version = ? AND user_id = ?")) {
          ps.setString(1, version);
          ps.setInt(2, user);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              topN.addAll(ints(rs.getArray(1)));
            }
          }
        }
      }
      topN.removeAll(owned);
      List<Integer> kept = served.subList(0, Math.max(0, served.size() - 1));
      Set<Integer> covered = new HashSet<>();
      for (int p : topN) {
        if (clusterOf.containsKey(p)) {
          covered.add(clusterOf.get(p));
        }
      }
      for (int p : kept) {
        if (clusterOf.containsKey(p)) {
          covered.add(clusterOf.get(p));
        }
      }
      int eligible = 0;
      for (int cluster = 0; cluster < pools.size(); cluster++) {
        if (!covered.contains(cluster) && allowed(cluster, owned, kept) > 0) {
          eligible++;
        }
      }
      int last = served.isEmpty() ? -1 : served.get(served.size() - 1);
      Integer lastCluster = clusterOf.get(last);
      int allowed = lastCluster == null ? 0 : allowed(lastCluster, owned, kept);
      return new Expected(topN, eligible, allowed);
    }

    /** The first pool playlist of {@code liked}'s cluster that the user may be shown. */
    int followUp(TestDatabase db, int user, int liked, List<Integer> kept) throws Exception {
      Set<Integer> owned = new HashSet<>();
      try (Connection c = db.connect();
          PreparedStatement ps =
              c.prepareStatement("SELECT playlist_id FROM playlists WHERE owner_user_id = ?")) {
        ps.setInt(1, user);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            owned.add(rs.getInt(1));
          }
        }
      }
      for (int p : pools.get(clusterOf.get(liked))) {
        if (p != liked && !owned.contains(p) && !kept.contains(p)) {
          return p;
        }
      }
      throw new AssertionError("nothing left to follow " + liked + " with");
    }

    private int allowed(int cluster, Set<Integer> owned, List<Integer> kept) {
      int n = 0;
      for (int p : pools.get(cluster)) {
        if (!owned.contains(p) && !kept.contains(p)) {
          n++;
        }
      }
      return n;
    }
  }

  /** One impression row as the view gives it. */
  record Impression(
      List<Integer> playlists, List<Integer> exploredPositions, List<Float> propensities) {
    /** Every impression by "request_id/user_id", in one query (each costs a plan and a JIT). */
    static Map<String, Impression> readAll(TestDatabase db) throws Exception {
      Map<String, Impression> out = new HashMap<>();
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT request_id, user_id, playlists, explored_positions, propensities"
                      + " FROM impressions")) {
        while (rs.next()) {
          List<Float> propensities = new ArrayList<>();
          for (Object o : (Object[]) rs.getArray(5).getArray()) {
            propensities.add(((Number) o).floatValue());
          }
          out.put(
              rs.getString(1) + "/" + rs.getInt(2),
              new Impression(ints(rs.getArray(3)), ints(rs.getArray(4)), propensities));
        }
      }
      return out;
    }
  }

  /** The packaged server with an exploration share, stopped on close. */
  record Server(Process process, String url) implements AutoCloseable {
    static Server start(Launcher launcher, TestDatabase db, String share) throws Exception {
      int port = freePort();
      Process p =
          launcher.start(
              "server-share-" + share,
              Map.of("PLAYLOOP_EXPLORE_SHARE", share),
              "serve",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(port),
              "--db",
              db.url());
      Server s = new Server(p, "http://127.0.0.1:" + port);
      try {
        s.awaitReady(Duration.ofSeconds(90));
      } catch (AssertionError | Exception e) {
        s.close();
        throw e;
      }
      return s;
    }

    Served recommend(int user) throws Exception {
      HttpResponse<String> r = post("/api/playlist/recommend/", "{\"user_ids\":[" + user + "]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode answer = JSON.readTree(r.body()).get(0);
      List<Integer> playlists = new ArrayList<>();
      answer.get("playlists").forEach(p -> playlists.add(p.asInt()));
      return new Served(user, answer.get("request_id").asText(), playlists);
    }

    void like(Served s, int playlist) throws Exception {
      List<Integer> others = new ArrayList<>(s.playlists());
      others.remove(Integer.valueOf(playlist));
      HttpResponse<String> r =
          post(
              "/feedback",
              "{\"user_id\":"
                  + s.user()
                  + ",\"like_playlist\":"
                  + playlist
                  + ",\"other_playlists\":"
                  + others
                  + ",\"request_id\":\""
                  + s.requestId()
                  + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    String get(String path) throws Exception {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return r.body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(Duration within) throws Exception {
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          HttpResponse<Void> r =
              HTTP.send(
                  HttpRequest.newBuilder(URI.create(url + "/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(300);
      }
      throw new AssertionError(url + " not ready within " + within);
    }

    @Override
    public void close() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static List<Integer> ints(Array a) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (Object o : (Object[]) a.getArray()) {
      out.add(((Number) o).intValue());
    }
    return out;
  }

  private static void awaitCount(TestDatabase db, String sql, long atLeast) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (Long.parseLong(query(db, sql)) >= atLeast) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(sql + ": " + query(db, sql));
  }

  private static String query(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
