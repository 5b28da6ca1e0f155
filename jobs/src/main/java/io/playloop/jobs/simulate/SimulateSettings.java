package io.playloop.jobs.simulate;

/**
 * A simulate run's settings, checked.
 *
 * @param url the server's base URL
 * @param users users to play in this run
 * @param windowSeconds the users' calls are spread over this many seconds
 * @param concurrency calls in flight at most
 * @param seed random seed (users picked, choices made)
 * @param choice how a user picks the playlist to like
 * @param referenceRank scores count relative to the user's k-th best playlist (0: the best shown)
 * @param week simulated week of a drifting world
 * @param token bearer token for /feedback, or null
 * @param maxAttempts attempts per call on 503 or connection errors
 */
record SimulateSettings(
    String url,
    int users,
    double windowSeconds,
    int concurrency,
    long seed,
    ChoiceModel choice,
    int referenceRank,
    int week,
    String token,
    int maxAttempts) {}
