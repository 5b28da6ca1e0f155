package io.playloop.jobs.models.evaluation;

import java.io.Serializable;

/**
 * The sampled protocol's unit: one held-out positive of a user and the negatives it competes with.
 */
public record EvalBatch(int user, int positive, int[] negatives) implements Serializable {}
