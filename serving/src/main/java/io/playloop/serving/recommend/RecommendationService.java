package io.playloop.serving.recommend;

import io.playloop.core.api.ApiPaths;
import io.playloop.core.api.RecommendRequest;
import io.playloop.serving.auth.ServedTags;
import io.playloop.serving.http.RequestIds;
import io.playloop.serving.impressions.Impression;
import io.playloop.serving.impressions.ImpressionBuilder;
import io.playloop.serving.impressions.ImpressionLogger;
import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.model.ExplorationPolicy;
import io.playloop.serving.model.Explorer;
import io.playloop.serving.model.LikedPlaylists;
import io.playloop.serving.model.ModelSnapshot;
import io.playloop.serving.model.ModelWatcher;
import io.playloop.serving.model.Recommender;
import io.playloop.serving.model.ServingModels;
import java.util.Arrays;

/**
 * Recommends playlists to the users of a request from the served snapshot: each user's own list, or
 * the popularity list for users the model does not know, minus what they own, liked or excluded. An
 * exploring request (see {@link Explorer}) fills its users' last positions from taste clusters
 * outside their lists. Logs what it served, explored positions and propensities included, as one
 * impression and counts users and fallbacks; knows nothing of HTTP.
 */
public final class RecommendationService {
  private final ModelWatcher models;
  private final Recommender recommender;
  private final Explorer explorer;
  private final ImpressionLogger impressions;
  private final ServingMetrics metrics;
  private final RequestIds requestIds = new RequestIds();
  private final int perUser;
  private final ServedTags servedTags;

  /**
   * {@code impressions} may be null: nothing is logged. {@code servedTags} non-null: each user's
   * request_id is signed over what that user was served ({@code <request id>.<tag>}); impressions
   * keep the request id alone.
   */
  public RecommendationService(
      ModelWatcher models,
      LikedPlaylists liked,
      ImpressionLogger impressions,
      ServingMetrics metrics,
      int perUser,
      ServedTags servedTags,
      ExplorationPolicy exploration) {
    if (exploration.enabled() && perUser > ExplorationPolicy.MAX_POSITION) {
      throw new IllegalArgumentException(
          "playloop.serving.explore.share must be 0 when playlists-per-user is above "
              + ExplorationPolicy.MAX_POSITION);
    }
    this.models = models;
    this.recommender = new Recommender(liked);
    this.explorer = new Explorer(exploration);
    this.impressions = impressions;
    this.metrics = metrics;
    this.perUser = perUser;
    this.servedTags = servedTags;
  }

  /** A result to reuse for this service's answers (one per thread). */
  public Recommendations newResult() {
    return new Recommendations(perUser);
  }

  /**
   * Fills {@code into} with the answer to {@code request}.
   *
   * @throws NoActiveModel when no model snapshot is loaded yet
   */
  public void recommend(RecommendRequest request, Recommendations into) {
    ServingModels served = models.current();
    if (served == null) {
      metrics.unavailable.labelValues(ApiPaths.RECOMMEND, "no_model").inc();
      throw new NoActiveModel();
    }
    int[] exclude = request.excludePlaylists();
    Arrays.sort(exclude); // the parser's own copy
    int[] users = request.userIds();
    into.start(requestIds.next(), users, servedTags != null);
    boolean explores = explorer.explores();
    try {
      recommender.lookUp(served, users, into.snapshots, into.slots, into.firsts, into.likes);
      int[] out = into.playlists();
      for (int i = 0; i < users.length; i++) {
        ModelSnapshot snapshot = into.snapshots[i];
        int from = into.from(i);
        int r =
            recommender.recommend(
                snapshot,
                served.owners(),
                users[i],
                into.slots[i],
                into.likes[i],
                exclude,
                out,
                from,
                perUser);
        int n = r < 0 ? -r - 1 : r;
        int explored =
            explores
                ? explorer.explore(
                    snapshot,
                    into.slots[i],
                    served.owners(),
                    users[i],
                    into.likes[i],
                    exclude,
                    out,
                    from,
                    n,
                    into.propensities())
                : 0;
        into.set(i, snapshot.version(), n, r < 0, explored);
      }
      if (servedTags != null) {
        sign(into);
      }
    } finally {
      into.release();
    }
    if (impressions != null) {
      impressions.log(impression(into));
    }
    if (into.fallbacks() > 0) {
      metrics.popularityFallbacks.inc(into.fallbacks());
    }
    metrics.recommendedUsers.inc(users.length);
  }

  /** Tags every user's answer; the MAC's request-and-version part once per version. */
  private void sign(Recommendations r) {
    String version = null;
    long context = 0;
    for (int i = 0; i < r.size(); i++) {
      if (r.version(i) != version) {
        version = r.version(i);
        context = servedTags.context(r.requestId(), version);
      }
      r.tags[i] =
          servedTags.tag(context, r.user(i), r.playlists(), r.from(i), r.count(i), r.scratch);
    }
  }

  private Impression impression(Recommendations r) {
    ImpressionBuilder b =
        new ImpressionBuilder(r.requestId(), r.users(), perUser, r.exploredUsers() > 0);
    for (int i = 0; i < r.size(); i++) {
      b.add(
          i,
          r.user(i),
          r.version(i),
          r.playlists(),
          r.from(i),
          r.count(i),
          r.explored(i),
          r.propensities());
    }
    return b.build();
  }
}
