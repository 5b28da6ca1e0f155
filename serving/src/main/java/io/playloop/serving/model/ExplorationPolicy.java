package io.playloop.serving.model;

import com.typesafe.config.Config;

/**
 * How much serving explores ({@code playloop.serving.explore}): the share of requests that explore
 * (0 turns exploration off, 1 explores every request), how many of a user's positions, counted from
 * the last, an exploring request fills from taste clusters outside the user's list, and whether the
 * first of them follows the user's newest like into its cluster when the positions kept do not show
 * that cluster (a taste the model has not caught up with yet).
 */
public record ExplorationPolicy(double share, int slots, boolean followNewestLike) {
  public static final ExplorationPolicy OFF = new ExplorationPolicy(0, 1, false);

  /** Impressions store an explored position in one byte. */
  public static final int MAX_POSITION = 255;

  public ExplorationPolicy {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "playloop.serving.explore.share must be from 0 to 1, got " + share);
    }
    if (slots < 1 || slots > MAX_POSITION) {
      throw new IllegalArgumentException(
          "playloop.serving.explore.slots must be from 1 to " + MAX_POSITION + ", got " + slots);
    }
  }

  /** Reads section {@code explore} of {@code playloop.serving}. */
  public static ExplorationPolicy from(Config serving) {
    Config e = serving.getConfig("explore");
    return new ExplorationPolicy(
        e.getDouble("share"), e.getInt("slots"), e.getBoolean("follow-newest-like"));
  }

  public boolean enabled() {
    return share > 0;
  }
}
