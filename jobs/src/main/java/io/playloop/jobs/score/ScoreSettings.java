package io.playloop.jobs.score;

import io.playloop.jobs.models.evaluation.ValidationWindow;
import java.util.Optional;

/**
 * A score run's settings, checked.
 *
 * @param version the model version to score; empty: the newest chosen candidate
 * @param topN playlists per user (at least 50)
 * @param candidates where candidates come from: auto (from the data), neighbours
 *     (user_pairing_model) or catalog
 * @param popular length of the popularity fallback list
 * @param gateMetric validation metric the gate compares
 * @param gateTolerance how far below the active version still counts as not worse
 * @param evalUsers users sampled for the gate's evaluation
 * @param exploreClusters taste clusters written for exploration (0: none)
 * @param explorePool playlists per taste cluster exploration serves from
 * @param promote whether to run the gate (false: only write rows)
 * @param validationWindow the validation data the gate compares on
 * @param profileHeldOut whether item models list users from their held-out positives too
 */
record ScoreSettings(
    Optional<String> version,
    int topN,
    String candidates,
    int popular,
    String gateMetric,
    double gateTolerance,
    int evalUsers,
    int exploreClusters,
    int explorePool,
    boolean promote,
    ValidationWindow validationWindow,
    boolean profileHeldOut) {}
