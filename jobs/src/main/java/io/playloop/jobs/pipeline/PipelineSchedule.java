package io.playloop.jobs.pipeline;

import java.time.Duration;
import java.util.Map;

/**
 * What a pipeline run does and when: the simulator's cadence and its options, the retraining period
 * and threshold, the pause after a failed cycle, and when to stop (0: never).
 */
record PipelineSchedule(
    boolean simulate,
    Duration simulateEvery,
    String url,
    int simulateUsers,
    double windowSeconds,
    Duration retrainEvery,
    long retrainThreshold,
    Duration retryAfter,
    long tickMillis,
    int maxCycles,
    int maxTicks,
    Map<String, Map<String, String>> stepOptions,
    long seed) {}
