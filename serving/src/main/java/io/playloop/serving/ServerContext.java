package io.playloop.serving;

import io.playloop.serving.auth.ServedTags;
import io.playloop.serving.feedback.FeedbackStore;
import io.playloop.serving.impressions.ImpressionLogger;
import io.playloop.serving.metrics.ServingMetrics;
import io.playloop.serving.model.LikedPlaylists;
import io.playloop.serving.model.ModelWatcher;
import io.playloop.serving.recommend.RecommendationService;
import javax.sql.DataSource;

/**
 * What route modules may use: settings, the connection pool, metrics, the served models and the
 * services over them; {@code servedTags} signs and checks request ids (null unless
 * feedback.require-served is on).
 */
public record ServerContext(
    ServingSettings settings,
    DataSource dataSource,
    ServingMetrics metrics,
    ModelWatcher models,
    LikedPlaylists liked,
    FeedbackStore feedback,
    ImpressionLogger impressions,
    RecommendationService recommendations,
    ServedTags servedTags) {}
