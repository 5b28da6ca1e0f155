package io.playloop.jobs.generate;

import io.playloop.core.config.GenerateDefaults;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobCommandLine;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.UsageException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * generate's options, each declared once with its default (the world's size and seed default to
 * playloop.generate.* in the configuration); {@link #settings} checks them.
 */
final class GenerateOptions implements JobCommand<GenerateRun> {
  @Option(
      names = "--users",
      paramLabel = "N",
      description = "users in the world (playloop.generate.users)")
  Integer users;

  @Option(
      names = "--playlists",
      paramLabel = "N",
      description = "playlists in the world (playloop.generate.playlists)")
  Integer playlists;

  @Option(
      names = "--songs",
      paramLabel = "N",
      description = "songs in the world (playloop.generate.songs)")
  Integer songs;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "random seed; the same seed gives the same world (playloop.generate.seed)")
  Long seed;

  @Option(
      names = "--batch-date",
      paramLabel = "YYYY-MM-DD",
      description = "date of the bootstrap batch (default: today, UTC)")
  String batchDate;

  @Option(
      names = "--clusters",
      paramLabel = "N",
      defaultValue = "0",
      description = "latent taste clusters (genres); 0 = songs/400, at least 4")
  int clusters;

  @Option(
      names = "--song-zipf",
      paramLabel = "X",
      defaultValue = "0.9",
      description = "Zipf exponent of song popularity inside a cluster")
  double songZipf;

  @Option(
      names = "--library-median",
      paramLabel = "N",
      defaultValue = "60",
      description = "median songs in a user's library")
  int libraryMedian;

  @Option(
      names = "--library-min",
      paramLabel = "N",
      defaultValue = "10",
      description = "fewest songs in a library")
  int libraryMin;

  @Option(
      names = "--library-max",
      paramLabel = "N",
      defaultValue = "400",
      description = "most songs in a library")
  int libraryMax;

  @Option(
      names = "--playlist-median",
      paramLabel = "N",
      defaultValue = "30",
      description = "median songs in a playlist")
  int playlistMedian;

  @Option(
      names = "--playlist-min",
      paramLabel = "N",
      defaultValue = "8",
      description = "fewest songs in a playlist")
  int playlistMin;

  @Option(
      names = "--playlist-max",
      paramLabel = "N",
      defaultValue = "150",
      description = "most songs in a playlist")
  int playlistMax;

  @Option(
      names = "--exploration-alpha",
      paramLabel = "X",
      defaultValue = "2.0",
      description = "exploration coefficient e ~ Beta(alpha, beta)")
  double explorationAlpha;

  @Option(
      names = "--exploration-beta",
      paramLabel = "X",
      defaultValue = "5.5",
      description = "exploration coefficient e ~ Beta(alpha, beta)")
  double explorationBeta;

  @Option(
      names = "--candidates",
      paramLabel = "N",
      defaultValue = "1000",
      description = "playlists scored per user (all of them if the catalog is smaller)")
  int candidates;

  @Option(
      names = "--random-candidates",
      paramLabel = "N",
      defaultValue = "200",
      description = "of the candidates, how many are uniformly random")
  int randomCandidates;

  @Option(
      names = "--postings-per-song",
      paramLabel = "N",
      defaultValue = "32",
      description = "playlists kept per song in the sampled index")
  int postingsPerSong;

  @Option(
      names = "--like-share",
      paramLabel = "X",
      defaultValue = "0.015",
      description = "share of a user's scored candidates liked")
  double likeShare;

  @Option(
      names = "--hard-share",
      paramLabel = "X",
      defaultValue = "0.2",
      description = "hard negatives come from this top share by score")
  double hardShare;

  @Option(
      names = "--cold-share",
      paramLabel = "X",
      defaultValue = "0.05",
      description = "share of users held out as cold")
  double coldShare;

  @Option(
      names = "--owner-cap",
      paramLabel = "N",
      defaultValue = "100",
      description = "most playlists one user owns")
  int ownerCap;

  @Option(
      names = "--owner-choices",
      paramLabel = "N",
      defaultValue = "8",
      description = "ranked owner candidates kept per playlist")
  int ownerChoices;

  @Option(
      names = "--owner-random",
      paramLabel = "N",
      defaultValue = "32",
      description = "random users scored as owner candidates per playlist")
  int ownerRandom;

  @Option(
      names = "--owner-postings",
      paramLabel = "N",
      defaultValue = "8",
      description = "users kept per song in the sampled song->users index")
  int ownerPostings;

  @Option(
      names = "--hard-negatives",
      paramLabel = "N",
      defaultValue = "2",
      description = "hard negatives per train positive")
  int hardNegatives;

  @Option(
      names = "--easy-negatives",
      paramLabel = "N",
      defaultValue = "2",
      description = "easy negatives per train positive")
  int easyNegatives;

  @Option(
      names = "--val-negatives",
      paramLabel = "N",
      defaultValue = "50",
      description = "negatives per validation positive")
  int valNegatives;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "0",
      description = "Spark partitions for the per-user work; 0 = automatic")
  int partitions;

  @Option(
      names = "--weeks",
      paramLabel = "N",
      defaultValue = "0",
      description = "simulated weeks of ground truth to write for a drifting world")
  int weeks;

  @Option(
      names = "--drift-rate",
      paramLabel = "X",
      defaultValue = "0",
      description = "per drift week, the probability that a user's main taste moves (0 = no drift)")
  double driftRate;

  @Option(
      names = "--drift-start",
      paramLabel = "N",
      defaultValue = "1",
      description = "first week in which tastes can move")
  int driftStart;

  @Option(
      names = "--drift-end",
      paramLabel = "N",
      description =
          "last week in which tastes can move (= --drift-start: a step; default: --weeks)")
  Integer driftEnd;

  /** The checked settings of {@code options} (by name, without "--") under {@code config}. */
  static GenerateRun read(Map<String, String> options, PlayloopConfig config) {
    return JobCommandLine.settings(new GenerateJob(), JobCommandLine.args(options), config);
  }

  @Override
  public GenerateRun settings(PlayloopConfig config) {
    return new GenerateRun(world(config.generate()), drift());
  }

  /** The taste drift over simulated weeks (--weeks, --drift-*); none unless asked for. */
  private Drift drift() {
    OptionChecks.notNegative("weeks", weeks);
    OptionChecks.probability("drift-rate", driftRate);
    int start = OptionChecks.positive("drift-start", driftStart);
    int end = OptionChecks.positive("drift-end", driftEnd == null ? Math.max(weeks, 1) : driftEnd);
    if (driftRate > 0 && weeks == 0) {
      throw new UsageException("--drift-rate needs --weeks: how many weeks of truth to write");
    }
    if (start > end || end > Math.max(weeks, 1)) {
      throw new UsageException(
          "1 <= --drift-start <= --drift-end <= --weeks must hold, got "
              + start
              + ", "
              + end
              + ", "
              + weeks);
    }
    return new Drift(driftRate, start, end, weeks);
  }

  private GenerateSettings world(GenerateDefaults defaults) {
    int users = OptionChecks.positive("users", this.users == null ? defaults.users() : this.users);
    int playlists =
        OptionChecks.positive(
            "playlists", this.playlists == null ? defaults.playlists() : this.playlists);
    int songs = OptionChecks.positive("songs", this.songs == null ? defaults.songs() : this.songs);
    long seed = this.seed == null ? defaults.seed() : this.seed;
    if (clusters < 0 || clusters > songs) {
      throw new UsageException(
          "--clusters must be between 0 (automatic) and --songs, got " + clusters);
    }
    int k = clusters == 0 ? Math.max(4, Math.min(songs, songs / 400)) : clusters;
    SizeRange library = range("library", libraryMin, libraryMedian, libraryMax, songs);
    SizeRange playlist = range("playlist", playlistMin, playlistMedian, playlistMax, songs);
    WorldSpec world =
        new WorldSpec(
            users,
            playlists,
            songs,
            seed,
            k,
            OptionChecks.positive("song-zipf", songZipf),
            library,
            playlist,
            OptionChecks.positive("exploration-alpha", explorationAlpha),
            OptionChecks.positive("exploration-beta", explorationBeta));
    OptionChecks.positive("candidates", candidates);
    if (randomCandidates < 0 || randomCandidates > candidates) {
      throw new UsageException("--random-candidates must be between 0 and --candidates");
    }
    OptionChecks.positive("val-negatives", valNegatives);
    OptionChecks.notNegative("hard-negatives", hardNegatives);
    OptionChecks.notNegative("easy-negatives", easyNegatives);
    OptionChecks.positive("owner-cap", ownerCap);
    if ((long) ownerCap * users < playlists) {
      throw new UsageException(
          "--owner-cap "
              + ownerCap
              + " x --users "
              + users
              + " is fewer than --playlists "
              + playlists
              + ": every playlist needs an owner; raise --owner-cap or --users");
    }
    OptionChecks.share("like-share", likeShare);
    // Every user needs room for its likes, its owned playlists and a validation batch.
    long needed = (long) Math.ceil(likeShare * playlists) + ownerCap + valNegatives + 4L;
    if (playlists < needed) {
      throw new UsageException(
          "--playlists "
              + playlists
              + " is too small: each user needs room for likes, owned playlists (--owner-cap "
              + ownerCap
              + ") and "
              + valNegatives
              + " validation negatives; use at least "
              + needed);
    }
    if (partitions < 0) {
      throw new UsageException("--partitions must be 0 (automatic) or more");
    }
    if (!(coldShare >= 0 && coldShare < 1)) {
      throw OptionChecks.bad("cold-share", "must be at least 0 and below 1", coldShare);
    }
    return new GenerateSettings(
        world,
        candidates,
        randomCandidates,
        OptionChecks.positive("postings-per-song", postingsPerSong),
        likeShare,
        OptionChecks.share("hard-share", hardShare),
        coldShare,
        ownerCap,
        OptionChecks.positive("owner-choices", ownerChoices),
        OptionChecks.notNegative("owner-random", ownerRandom),
        OptionChecks.positive("owner-postings", ownerPostings),
        hardNegatives,
        easyNegatives,
        valNegatives,
        batchDate == null
            ? LocalDate.now(ZoneOffset.UTC)
            : OptionChecks.date("batch-date", batchDate),
        partitions);
  }

  private static SizeRange range(String prefix, int min, int median, int max, int songs) {
    SizeRange r =
        new SizeRange(
            OptionChecks.positive(prefix + "-min", min),
            OptionChecks.positive(prefix + "-median", median),
            OptionChecks.positive(prefix + "-max", max));
    if (r.min() > r.median() || r.median() > r.max()) {
      throw new UsageException(
          "--" + prefix + "-min <= --" + prefix + "-median <= --" + prefix + "-max must hold");
    }
    if (r.max() > songs) {
      throw new UsageException(
          "--" + prefix + "-max " + r.max() + " is larger than --songs " + songs);
    }
    return r;
  }
}
