package io.playloop.experiments.drift;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.UsageException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** experiment-drift's options, each declared once with its default; checked into settings. */
final class DriftOptions implements JobCommand<DriftExperimentJob.Settings> {
  @Option(
      names = "--users",
      paramLabel = "N",
      defaultValue = "1000",
      description = "users in the generated world")
  int users;

  @Option(
      names = "--playlists",
      paramLabel = "N",
      defaultValue = "2000",
      description = "playlists in the generated world")
  int playlists;

  @Option(
      names = "--songs",
      paramLabel = "N",
      defaultValue = "10000",
      description = "songs in the generated world")
  int songs;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "random seed of the world, the simulator and training")
  long seed;

  @Option(
      names = "--batch-date",
      paramLabel = "YYYY-MM-DD",
      defaultValue = "2026-01-05",
      description = "the bootstrap batch's date; week w is 7w days later")
  String batchDate;

  @Option(
      names = "--weeks",
      paramLabel = "N",
      defaultValue = "8",
      description = "simulated weeks, each measured then retrained on")
  int weeks;

  @Option(
      names = "--drift-rate",
      paramLabel = "X",
      defaultValue = "0.8",
      description = "probability that a user's main taste moves in a drift week")
  double driftRate;

  @Option(
      names = "--drift-start",
      paramLabel = "N",
      defaultValue = "3",
      description = "first drift week")
  int driftStart;

  @Option(
      names = "--drift-end",
      paramLabel = "N",
      description = "last drift week (default: --drift-start, a one-time step)")
  Integer driftEnd;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "simulator rounds per week")
  int rounds;

  @Option(
      names = "--round-users",
      paramLabel = "N",
      defaultValue = "1000",
      description = "users per simulator round")
  int roundUsers;

  @Option(
      names = "--round-seconds",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "each round spreads its users over this many seconds")
  double roundSeconds;

  @Option(
      names = "--reference-rank",
      paramLabel = "K",
      defaultValue = "10",
      description = "simulate --reference-rank (absolute quality)")
  int referenceRank;

  @Option(
      names = "--like-threshold",
      paramLabel = "X",
      defaultValue = "0.4",
      description = "simulate --like-threshold (utility of liking nothing)")
  double likeThreshold;

  @Option(
      names = "--arms",
      paramLabel = "LIST",
      defaultValue = "control,baseline,window,explore,explore-window",
      description = "comma-separated arms to run, in order")
  String arms;

  @Option(
      names = "--window-days",
      paramLabel = "N",
      defaultValue = "14",
      description = "the window arms' training window")
  int windowDays;

  @Option(
      names = "--window-keep-bootstrap",
      arity = "0..1",
      paramLabel = "true|false",
      description = "the window arms keep the bootstrap data whatever its age")
  boolean windowKeepBootstrap;

  @Option(
      names = "--explore-share",
      paramLabel = "X",
      defaultValue = "1.0",
      description =
          "the explore arms' serving.explore.share (share of requests with explored slots)")
  double exploreShare;

  @Option(
      names = "--explore-slots",
      paramLabel = "N",
      defaultValue = "2",
      description = "the explore arms' serving.explore.slots")
  int exploreSlots;

  @Option(
      names = "--explore-follow-newest-like",
      paramLabel = "true|false",
      defaultValue = "true",
      arity = "1",
      description =
          "the explore arms' serving.explore.follow-newest-like: the first explored slot shows the"
              + " cluster of the user's newest like when the kept positions do not")
  boolean exploreFollowNewestLike;

  @Option(
      names = "--recovery-candidates",
      paramLabel = "NAME",
      defaultValue = "catalog",
      description =
          "score's --candidates in the explore-window arm (auto, neighbours or catalog): the"
              + " users' neighbours own the old tastes' playlists, so a drifted taste is found"
              + " only in the catalog; the other arms keep score's default (auto)")
  String recoveryCandidates;

  @Option(
      names = "--recovery-half-life-days",
      paramLabel = "DAYS",
      defaultValue = "3.5",
      description =
          "train --profile-half-life-days in the explore-window arm (0 = off): its item models"
              + " score a user mostly from the last weeks' likes, so explored likes of a new taste"
              + " pull in that taste's neighbours; the arm then keeps the bootstrap in its"
              + " window for the item-item similarities")
  double recoveryHalfLifeDays;

  @Option(
      names = "--recovery-algorithms",
      paramLabel = "LIST",
      defaultValue = "popularity,rp3beta,itemknn",
      description =
          "train --algorithms in the explore-window arm: the rankers that score from the recency"
              + " profile (and popularity)")
  String recoveryAlgorithms;

  @Option(
      names = "--algorithms",
      paramLabel = "LIST",
      defaultValue = "popularity,als,ease",
      description = "train --algorithms")
  String algorithms;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8097",
      description = "the server's port during the experiment")
  int port;

  @Option(
      names = "--serving-jar",
      paramLabel = "JAR",
      description =
          "the server jar (default: PLAYLOOP_SERVING_JAR, else serving/target/playloop-serving.jar)")
  String servingJar;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "drift-experiment",
      description = "folder of the arms' lakes and server logs (emptied per arm at the start)")
  String work;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "drift-experiment",
      description = "folder for drift.csv, drift.json and drift.svg")
  String out;

  @Override
  public DriftExperimentJob.Settings settings(PlayloopConfig config) {
    int end = driftEnd == null ? driftStart : driftEnd;
    if (weeks < 1 || rounds < 1) {
      throw new UsageException("--weeks and --rounds must be at least 1");
    }
    LocalDate bootstrap = OptionChecks.date("batch-date", batchDate);
    Map<String, String> world = new LinkedHashMap<>();
    world.put("users", String.valueOf(users));
    world.put("playlists", String.valueOf(playlists));
    world.put("songs", String.valueOf(songs));
    world.put("seed", String.valueOf(seed));
    world.put("batch-date", batchDate);
    world.put("weeks", String.valueOf(weeks));
    world.put("drift-rate", String.valueOf(driftRate));
    world.put("drift-start", String.valueOf(driftStart));
    world.put("drift-end", String.valueOf(end));
    List<DriftArm> armList =
        DriftExperimentJob.arms(
            arms,
            windowDays,
            windowKeepBootstrap,
            exploreShare,
            exploreSlots,
            exploreFollowNewestLike,
            new DriftExperimentJob.Recovery(
                recoveryCandidates, recoveryHalfLifeDays, recoveryAlgorithms));
    return new DriftExperimentJob.Settings(
        world,
        bootstrap,
        weeks,
        driftStart,
        end,
        rounds,
        OptionChecks.positive("round-users", roundUsers),
        String.valueOf(roundSeconds),
        String.valueOf(referenceRank),
        String.valueOf(likeThreshold),
        algorithms,
        seed,
        port,
        armList,
        servingJar != null
            ? servingJar
            : System.getenv()
                .getOrDefault("PLAYLOOP_SERVING_JAR", "serving/target/playloop-serving.jar"),
        Path.of(work).toAbsolutePath(),
        Path.of(out).toAbsolutePath());
  }
}
