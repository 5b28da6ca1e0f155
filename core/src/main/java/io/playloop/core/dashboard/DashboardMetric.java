package io.playloop.core.dashboard;

/**
 * The metric names of the dashboard tables: the metrics job writes them, the dashboard page and the
 * server's gauges read them. A figure is a metric, a day, and a segment ("" or, e.g., the reason of
 * an invalid user-block, the source of a batch, the top share of power users).
 */
public enum DashboardMetric {
  // The training board (dashboard_training): the lake's user-blocks as of a day.
  /** Distinct users: in the user-blocks (training board) or in all feedback so far. */
  DISTINCT_USERS("distinct_users"),
  USER_BLOCKS("user_blocks"),
  AVG_BLOCKS_PER_USER("avg_blocks_per_user"),
  /** Invalid user-blocks; segments: each reason, "" for all. */
  INVALID_BLOCKS("invalid_blocks"),
  /** User-blocks a batch added, dated by the batch; segment: the batch's source. */
  USER_BLOCKS_IN_BATCH("user_blocks_in_batch"),

  // The feedback board (dashboard_feedback): one figure per day.
  /** Feedback rows that day (also per model version in dashboard_models). */
  FEEDBACK_VOLUME("feedback_volume"),
  DAILY_USERS("daily_users"),
  WEEKLY_USERS("weekly_users"),
  CUMULATIVE_FEEDBACK("cumulative_feedback"),
  NEW_USERS("new_users"),
  /** Share of the day's feedback from its most active users; segments {@link #TOP_1_PERCENT}... */
  POWER_USER_SHARE("power_user_share"),
  /** Mean reciprocal rank of the liked playlist in what was served. */
  FEEDBACK_SCORE("feedback_score"),
  SCORED_FEEDBACK("scored_feedback"),
  NEW_FEEDBACK_SINCE_TRAINING("new_feedback_since_training"),
  RETRAIN_THRESHOLD("retrain_threshold"),
  /**
   * The feedback score of exploited and of explored positions apart; segments {@link #EXPLOIT}
   * (over all matched feedback) and {@link #EXPLORE} (over feedback on requests that explored).
   */
  ONLINE_SCORE_BY_SLOT("online_score_by_slot"),
  /** Matched feedback on requests that explored (segment {@link #EXPLORE}). */
  EXPLORED_FEEDBACK("explored_feedback"),

  // Per model version (dashboard_models).
  /** The feedback score of what one model version served. */
  ONLINE_SCORE("online_score");

  /** Segment of {@link #POWER_USER_SHARE}: the top 1% of the day's users. */
  public static final String TOP_1_PERCENT = "top1";

  /** Segment of {@link #POWER_USER_SHARE}: the top 10% of the day's users. */
  public static final String TOP_10_PERCENT = "top10";

  /** Segment of {@link #ONLINE_SCORE_BY_SLOT}: positions filled from the user's own list. */
  public static final String EXPLOIT = "exploit";

  /** Segment of {@link #ONLINE_SCORE_BY_SLOT}: positions filled by exploration. */
  public static final String EXPLORE = "explore";

  private final String key;

  DashboardMetric(String key) {
    this.key = key;
  }

  /** The name in the tables' {@code metric} column. */
  public String key() {
    return key;
  }

  /** "metric" or "metric:segment": how the dashboard names one line of figures. */
  public String key(String segment) {
    return segment == null || segment.isEmpty() ? key : key + ":" + segment;
  }

  /** The metric stored as {@code key}. */
  public static DashboardMetric of(String key) {
    for (DashboardMetric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown dashboard metric '" + key + "'");
  }
}
