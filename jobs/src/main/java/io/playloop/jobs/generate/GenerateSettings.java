package io.playloop.jobs.generate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * Everything a generate run depends on: the world's shape and the sampling choices that make the
 * generator's process scale (see docs/generator.md).
 *
 * @param candidates playlists scored per user (the whole catalog when it is smaller)
 * @param randomCandidates of those, how many are drawn uniformly (the rest share songs)
 * @param postingsPerSong playlists kept per song in the sampled inverted index
 * @param likeShare share of a user's scored candidates that the user likes (seed: 1.5%)
 * @param hardShare hard negatives come from the top share of candidates by score (seed: 20%)
 * @param coldShare share of users held out as cold (seed: 5%)
 * @param ownerCap most playlists one user owns (seed: 100)
 * @param ownerChoices ranked owner candidates kept per playlist
 * @param ownerRandom random users scored per playlist as owner candidates
 * @param ownerPostings users kept per song in the sampled song -> users index
 */
record GenerateSettings(
    WorldSpec world,
    int candidates,
    int randomCandidates,
    int postingsPerSong,
    double likeShare,
    double hardShare,
    double coldShare,
    int ownerCap,
    int ownerChoices,
    int ownerRandom,
    int ownerPostings,
    int hardNegatives,
    int easyNegatives,
    int valNegatives,
    LocalDate batchDate,
    int partitions)
    implements Serializable {

  /** These settings with {@code partitions} resolved: 0 (automatic) becomes a count for Spark. */
  GenerateSettings resolvePartitions(int defaultParallelism) {
    if (partitions > 0) {
      return this;
    }
    int auto = (int) Math.max(1, Math.min(world.users() / 2000 + 1, 4L * defaultParallelism));
    return new GenerateSettings(
        world,
        candidates,
        randomCandidates,
        postingsPerSong,
        likeShare,
        hardShare,
        coldShare,
        ownerCap,
        ownerChoices,
        ownerRandom,
        ownerPostings,
        hardNegatives,
        easyNegatives,
        valNegatives,
        batchDate,
        auto);
  }
}
