package io.playloop.serving.recommend;

import io.playloop.serving.model.ModelSnapshot;
import java.util.Arrays;

/**
 * The answer to one recommend request in primitive arrays: per user, the playlists served, whether
 * the popularity list supplied them, and the model version. Reusable: one instance per request
 * thread is refilled by each request, so that serving a user allocates nothing that outlives it.
 * Valid until the next {@link RecommendationService#recommend} into the same instance.
 */
public final class Recommendations {
  private final int perUser;
  private String requestId;
  private int size;
  private int[] users = new int[0];
  private String[] versions = new String[0];
  private int[] playlists = new int[0];
  private int[] counts = new int[0];
  private boolean[] fallback = new boolean[0];
  private int[] explored = new int[0];
  private float[] propensities = new float[0];
  private int fallbacks;
  private int exploredUsers;
  private boolean signed;

  // Per user, the tag of its signed request_id (when signed), and scratch to compute it.
  long[] tags = new long[0];
  int[] scratch;

  // Scratch for the service's lookups, kept between requests with the rest.
  ModelSnapshot[] snapshots = new ModelSnapshot[0];
  int[] slots = new int[0];
  int[] firsts = new int[0];
  int[][] likes = new int[0][];

  /** An empty result for answers of up to {@code perUser} playlists per user. */
  public Recommendations(int perUser) {
    this.perUser = perUser;
    this.scratch = new int[perUser];
  }

  /** Starts the answer to request {@code requestId} for {@code requestUsers} (not copied). */
  void start(String requestId, int[] requestUsers) {
    start(requestId, requestUsers, false);
  }

  /** As {@link #start(String, int[])}; {@code signed}: each user gets a tag. */
  void start(String requestId, int[] requestUsers, boolean signed) {
    this.signed = signed;
    this.requestId = requestId;
    this.users = requestUsers;
    this.size = requestUsers.length;
    this.fallbacks = 0;
    this.exploredUsers = 0;
    if (versions.length < size) {
      int capacity = Math.max(size, 2 * versions.length);
      versions = new String[capacity];
      counts = new int[capacity];
      fallback = new boolean[capacity];
      explored = new int[capacity];
      playlists = new int[capacity * perUser];
      propensities = new float[capacity * perUser];
      snapshots = new ModelSnapshot[capacity];
      slots = new int[capacity];
      firsts = new int[capacity];
      likes = new int[capacity][];
      tags = new long[capacity];
    }
  }

  /**
   * Records user {@code i}'s answer, whose playlists were written at {@link #from}(i); {@code
   * exploredCount} of them were explored, with their propensities written at the same indexes in
   * {@link #propensities()} (and 0 at the user's other positions).
   */
  void set(int i, String version, int count, boolean fromPopular, int exploredCount) {
    versions[i] = version;
    counts[i] = count;
    fallback[i] = fromPopular;
    explored[i] = exploredCount;
    if (exploredCount > 0) {
      exploredUsers++;
    }
    if (fromPopular) {
      fallbacks++;
    }
  }

  /** Drops the references to snapshots and likes: an idle thread must not keep a replaced model. */
  void release() {
    Arrays.fill(snapshots, 0, size, null);
    Arrays.fill(likes, 0, size, null);
  }

  /** The request's id (without any tag: what impressions store). */
  public String requestId() {
    return requestId;
  }

  /** Whether each user's request_id carries a tag, {@code <request id>.<tag(i)>}. */
  public boolean signed() {
    return signed;
  }

  /** User {@code i}'s tag (when {@link #signed}). */
  public long tag(int i) {
    return tags[i];
  }

  /** Users in the request, repeats included, in request order. */
  public int size() {
    return size;
  }

  /** The request's user ids (index {@code 0..size()}). */
  public int[] users() {
    return users;
  }

  public int user(int i) {
    return users[i];
  }

  /** The model version that served user {@code i}. */
  public String version(int i) {
    return versions[i];
  }

  /** How many playlists user {@code i} got. */
  public int count(int i) {
    return counts[i];
  }

  /** Where user {@code i}'s playlists start in {@link #playlists()}. */
  public int from(int i) {
    return i * perUser;
  }

  /** Every user's playlists: user i's are {@code [from(i), from(i) + count(i))}. */
  public int[] playlists() {
    return playlists;
  }

  /** Whether the popularity list supplied user {@code i}'s start (unknown or cold user). */
  public boolean fallback(int i) {
    return fallback[i];
  }

  /**
   * How many of user {@code i}'s positions were explored: those with a positive propensity in
   * {@link #propensities()}.
   */
  public int explored(int i) {
    return explored[i];
  }

  /** How many users had explored positions. */
  public int exploredUsers() {
    return exploredUsers;
  }

  /**
   * The propensity of each explored position, at its index in {@link #playlists()}: the probability
   * that exploration put that playlist there; 0 at the other positions of a user with explored
   * positions. Other users' indexes hold stale values.
   */
  public float[] propensities() {
    return propensities;
  }

  /** How many users were answered from the popularity list. */
  public int fallbacks() {
    return fallbacks;
  }

  /** The most playlists one user gets. */
  public int perUser() {
    return perUser;
  }
}
