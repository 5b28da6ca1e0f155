package io.playloop.experiments.drift;

/**
 * What one arm's simulated users did in one week, served by the model trained up to the week
 * before: users served, likes sent, the mean reciprocal rank of the liked playlist over likes, and
 * the online score (the same over every user served, a list turned down counting 0).
 */
record WeekScore(
    String arm, int week, String modelVersion, long served, long likes, double reciprocalRankSum) {

  double likeRate() {
    return served == 0 ? 0 : likes / (double) served;
  }

  double meanReciprocalRankOfLike() {
    return likes == 0 ? 0 : reciprocalRankSum / likes;
  }

  double onlineScore() {
    return served == 0 ? 0 : reciprocalRankSum / served;
  }

  /** This week with one more simulator round's counts. */
  WeekScore plus(long roundServed, long roundLikes, double roundReciprocalRankSum) {
    return new WeekScore(
        arm,
        week,
        modelVersion,
        served + roundServed,
        likes + roundLikes,
        reciprocalRankSum + roundReciprocalRankSum);
  }
}
