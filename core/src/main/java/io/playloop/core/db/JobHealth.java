package io.playloop.core.db;

import java.time.Instant;

/**
 * How a job stands: whether its newest finished run failed, and when its newest successful run
 * started (null: never succeeded).
 */
public record JobHealth(String job, boolean lastFailed, Instant lastSuccessStart) {}
