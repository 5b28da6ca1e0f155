package io.playloop.core.db;

import java.time.Instant;

/**
 * One pipeline_runs row; the finish and the row counts are null while running or after a failure.
 */
public record PipelineRun(
    String job,
    RunStatus status,
    Instant startedAt,
    Instant finishedAt,
    Long rowsIn,
    Long rowsOut,
    String error) {}
