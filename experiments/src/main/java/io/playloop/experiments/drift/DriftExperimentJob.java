package io.playloop.experiments.drift;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import io.playloop.experiments.LocalServer;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.JobRunner;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.pipeline.PipelineState;
import io.playloop.jobs.score.CandidateSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * experiment-drift: which mechanisms let the loop recover after users' tastes drift? Arms run one
 * after the other, each in its own lake and database from the same generated world and seeds:
 * bootstrap training, the server started, then each simulated week the simulator plays users with
 * that week's tastes (served by the model trained up to the week before), and their feedback is
 * extracted and trained on. The arms differ in drift (control has none), the training window and
 * serving's exploration. Writes the online score per arm and week (drift.csv, drift.json) and a
 * chart (drift.svg).
 */
public final class DriftExperimentJob implements Job<DriftExperimentJob.Settings> {
  private static final Logger LOG = LoggerFactory.getLogger(DriftExperimentJob.class);

  /** Every arm, in the order they run by default. */
  static final List<String> ARMS =
      List.of("control", "baseline", "window", "explore", "explore-window");

  @Override
  public String name() {
    return "experiment-drift";
  }

  @Override
  public String description() {
    return "the taste-drift experiment: control, baseline, window, explore and explore-window"
        + " arms retrained weekly, online score per week of each, as CSV, JSON and SVG";
  }

  @Override
  public JobCommand<Settings> command() {
    return new DriftOptions();
  }

  @Override
  public JobResult run(JobContext context, Settings s) throws Exception {
    File jar = LocalServer.jar(s.servingJar());
    Path work = s.work();
    Path out = s.out();
    List<DriftArm> arms = s.arms();
    Map<String, String> setup = setup(s, arms);
    List<WeekScore> scores = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    for (DriftArm arm : arms) {
      long t0 = System.nanoTime();
      runArm(context, s, arm, jar, work, scores, setup, out);
      long seconds = Math.round((System.nanoTime() - t0) / 1e9);
      setup.put("seconds_" + arm.slug(), String.valueOf(seconds));
      details.put("seconds_" + arm.slug(), seconds);
      write(out, setup, scores, s);
      say("arm " + arm.name() + " done in " + seconds + " s");
    }
    for (WeekScore w : scores) {
      details.put(w.arm() + "_week_" + w.week(), Math.round(w.onlineScore() * 10000) / 10000.0);
    }
    return new JobResult(
        0,
        scores.size(),
        "experiment-drift: wrote "
            + out.resolve("drift.csv")
            + ", drift.json, drift.svg; online score per arm and week "
            + details,
        null,
        details);
  }

  /**
   * What the recovery arm (explore-window) adds to exploration and the window: score's candidate
   * source, the half-life of its users' profiles (0: none) and its algorithms (null: the common
   * list). With a profile half-life the arm keeps the bootstrap in its window: the profile forgets
   * old tastes, and the item-item similarities keep learning from all the data.
   */
  record Recovery(String candidates, double profileHalfLifeDays, String algorithms) {
    Recovery {
      CandidateSource.requested("recovery-candidates", candidates);
      if (!(profileHalfLifeDays >= 0) || Double.isInfinite(profileHalfLifeDays)) {
        throw new UsageException(
            "--recovery-half-life-days must be 0 (off) or a positive number of days, got "
                + profileHalfLifeDays);
      }
    }
  }

  /** The arms of --arms, each set up by the window and exploration options. */
  static List<DriftArm> arms(
      String names,
      int windowDays,
      boolean keepBootstrap,
      double share,
      int slots,
      boolean followsLikes,
      Recovery recovery) {
    if (windowDays <= 0) {
      throw new UsageException("--window-days must be positive: it is the window arms' window");
    }
    if (!(share > 0 && share <= 1) || slots < 1 || slots > 5) {
      throw new UsageException(
          "--explore-share must be in (0, 1] and --explore-slots in 1..5, got "
              + share
              + " and "
              + slots);
    }
    List<DriftArm> arms = new ArrayList<>();
    for (String name : names.split(",")) {
      String n = name.trim();
      boolean window = n.equals("window") || n.equals("explore-window");
      boolean explore = n.equals("explore") || n.equals("explore-window");
      boolean recovering = window && explore;
      if (!ARMS.contains(n)) {
        throw new UsageException("unknown arm '" + n + "'; arms are " + ARMS);
      }
      if (arms.stream().anyMatch(a -> a.name().equals(n))) {
        throw new UsageException("arm '" + n + "' is named twice in --arms");
      }
      boolean profiled = recovering && recovery.profileHalfLifeDays() > 0;
      arms.add(
          new DriftArm(
              n,
              !n.equals("control"),
              window ? windowDays : 0,
              !window || keepBootstrap || profiled,
              explore ? share : 0,
              slots,
              explore && followsLikes,
              recovering ? recovery.candidates() : CandidateSource.AUTO,
              recovering ? recovery.profileHalfLifeDays() : 0,
              recovering ? recovery.algorithms() : null));
    }
    return arms;
  }

  /** The experiment's shape, read once from the options. */
  record Settings(
      Map<String, String> world,
      LocalDate bootstrap,
      int weeks,
      int driftStart,
      int driftEnd,
      int rounds,
      int roundUsers,
      String roundSeconds,
      String referenceRank,
      String likeThreshold,
      String algorithms,
      long seed,
      int port,
      List<DriftArm> arms,
      String servingJar,
      Path work,
      Path out) {}

  private static Map<String, String> setup(Settings s, List<DriftArm> arms) {
    Map<String, String> setup = new LinkedHashMap<>();
    s.world().forEach((k, v) -> setup.put("generate_" + k.replace('-', '_'), v));
    setup.put("rounds_per_week", String.valueOf(s.rounds()));
    setup.put("users_per_round", String.valueOf(s.roundUsers()));
    setup.put("reference_rank", s.referenceRank());
    setup.put("like_threshold", s.likeThreshold());
    setup.put("algorithms", s.algorithms());
    for (DriftArm arm : arms) {
      setup.put("arm_" + arm.slug(), arm.describe());
    }
    setup.put(
        "gate",
        "off (--gate-tolerance 1): every retrain goes live; validation covers the arm's window");
    setup.put("retention", "off (--retention-days 36500): only the arms' mechanisms differ");
    return setup;
  }

  private static void runArm(
      JobContext parent,
      Settings s,
      DriftArm arm,
      File jar,
      Path work,
      List<WeekScore> scores,
      Map<String, String> setup,
      Path out)
      throws Exception {
    Path lakeDir = work.resolve("lake-" + arm.slug());
    DbSettings parentDb = parent.db();
    String dbName = parentDb.databaseName() + "_" + arm.slug();
    DbSettings db = parentDb.withDatabase(dbName);
    fresh(db, lakeDir);
    PlayloopConfig config =
        parent.config().with(Map.of("lake.uri", lakeDir.toUri().toString(), "db.url", db.url()));
    JobContext armContext = new JobContext(parent.jobName(), parent.args(), config, parent::spark);
    say(
        "arm "
            + arm.name()
            + " ("
            + arm.describe()
            + "): lake "
            + lakeDir
            + ", database "
            + dbName);

    Map<String, String> world = new LinkedHashMap<>(s.world());
    if (!arm.drift()) {
      // The same world and seed without the drift: the libraries stay those of the bootstrap.
      world.put("drift-rate", "0");
    }
    step(armContext, "generate", world);
    retrain(armContext, s, arm, 0);
    PipelineState state = new PipelineState(db);
    try (LocalServer server =
        LocalServer.start(
            jar,
            s.port(),
            db,
            work.resolve("server-" + arm.slug() + ".log"),
            arm.servingConfig(),
            work.resolve("server-" + arm.slug() + ".conf"))) {
      server.awaitReady();
      String served = awaitActive(server, state);
      for (int week = 1; week <= s.weeks(); week++) {
        WeekScore score = new WeekScore(arm.name(), week, served, 0, 0, 0);
        for (int round = 1; round <= s.rounds(); round++) {
          Map<String, String> sim = new HashMap<>();
          sim.put("url", server.url());
          sim.put("users", String.valueOf(s.roundUsers()));
          sim.put("window-seconds", s.roundSeconds());
          // The same seed in both arms: the same users, the same noise; only the models differ.
          sim.put("seed", String.valueOf(s.seed() * 1000 + week * 10L + round));
          sim.put("week", String.valueOf(week));
          sim.put("reference-rank", s.referenceRank());
          sim.put("like-threshold", s.likeThreshold());
          Map<String, Object> d = step(armContext, "simulate", sim).details();
          long roundServed = ((Number) d.get("served")).longValue();
          long roundLikes = ((Number) d.get("likes")).longValue();
          double online = ((Number) d.get("online_score")).doubleValue();
          score = score.plus(roundServed, roundLikes, online * roundServed);
        }
        scores.add(score);
        say(
            String.format(
                java.util.Locale.ROOT,
                "arm %s, week %d: online score %.4f (%d likes of %d served, MRR of the like %.4f),"
                    + " model %s",
                arm.name(),
                week,
                score.onlineScore(),
                score.likes(),
                score.served(),
                score.meanReciprocalRankOfLike(),
                served));
        write(out, setup, scores, s);
        if (week < s.weeks()) {
          retrain(armContext, s, arm, week);
          served = awaitActive(server, state);
        }
      }
    }
  }

  /** Extract the week's feedback (from week 1 on), then pair, train and score as of that week. */
  private static void retrain(JobContext context, Settings s, DriftArm arm, int week)
      throws Exception {
    LocalDate asOf = s.bootstrap().plusDays(7L * week);
    if (week > 0) {
      step(context, "extract", Map.of("batch-date", asOf.toString(), "retention-days", "36500"));
    }
    String seed = String.valueOf(s.seed() + week);
    Map<String, String> pair = new HashMap<>(arm.windowOptions(asOf));
    pair.put("seed", seed);
    step(context, "pair-users", pair);
    Map<String, String> train = new HashMap<>(arm.windowOptions(asOf));
    train.put("budget", "1");
    train.put("seed", seed);
    train.put("algorithms", arm.algorithms() != null ? arm.algorithms() : s.algorithms());
    train.put("profile-half-life-days", String.valueOf(arm.profileHalfLifeDays()));
    train.put("version-prefix", arm.slug() + "-w" + week + "-");
    step(context, "train", train);
    // The gate off: every retrain goes live, so each arm's curve is its mechanisms' doing; the
    // gate still records which validation data (the arm's window) it judged on.
    Map<String, String> score = new HashMap<>(arm.windowOptions(asOf));
    score.put("gate-tolerance", "1");
    score.put("candidates", arm.candidates());
    step(context, "score", score);
  }

  private static String awaitActive(LocalServer server, PipelineState state) throws Exception {
    String active = state.activeModel();
    String served = server.awaitServed(active);
    if (active == null || !active.equals(served)) {
      throw new IllegalStateException(
          "the server did not pick up the active model " + active + " (serves " + served + ")");
    }
    return served;
  }

  /** Each arm starts from nothing: its own database dropped and created, its lake removed. */
  private static void fresh(DbSettings db, Path lakeDir) throws Exception {
    String name = db.databaseName();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new UsageException("unsupported database name " + name);
    }
    try (Connection c = Database.connect(db.maintenance());
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
    Database.prepare(db);
    if (Files.exists(lakeDir)) {
      org.apache.commons.io.FileUtils.deleteDirectory(lakeDir.toFile());
    }
    Files.createDirectories(lakeDir);
  }

  private static void write(Path out, Map<String, String> setup, List<WeekScore> scores, Settings s)
      throws java.io.IOException {
    String weeks =
        s.driftStart() == s.driftEnd()
            ? "week " + s.driftStart()
            : "weeks " + s.driftStart() + "-" + s.driftEnd();
    String title =
        String.format(
            "Online score per week after a taste drift (%s users, drift rate %s in %s)",
            s.world().get("users"), s.world().get("drift-rate"), weeks);
    DriftReport.write(
        out,
        setup,
        scores,
        s.driftStart(),
        DriftChart.svg(scores, s.driftStart(), s.driftEnd(), title));
  }

  private static JobResult step(JobContext context, String job, Map<String, String> options)
      throws Exception {
    LOG.info("experiment-drift: {} {}", job, options);
    return JobRunner.runStep(context, job, options);
  }

  private static void say(String line) {
    System.out.println("experiment-drift: " + line);
    System.out.flush();
  }
}
