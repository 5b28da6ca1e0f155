package io.playloop.jobs.pipeline;

import io.playloop.core.db.DbSettings;
import io.playloop.core.db.PipelineRuns;
import io.playloop.core.db.RunStatus;
import io.playloop.core.registry.ModelRegistry;
import java.time.Instant;

/**
 * What the scheduler decides from: the pipeline_runs history, the feedback table and the registry.
 * Keeping no state of its own means a restarted scheduler picks up where the last one stopped, and
 * a run missed during downtime is due once, not once per missed slot.
 */
public final class PipelineState {
  private final PipelineRuns runs;
  private final ModelRegistry registry;

  public PipelineState(DbSettings db) {
    this.runs = new PipelineRuns(db);
    this.registry = new ModelRegistry(db);
  }

  /** When the newest run of {@code job} with {@code status} (null: any) started, or null. */
  public Instant lastStart(String job, RunStatus status) {
    return runs.lastStart(job, status);
  }

  /** Feedback stored since the newest successful training started (all of it when none). */
  public long feedbackSinceLastTraining() {
    return runs.feedbackSinceLastSuccess("train");
  }

  /** The active model version, or null. */
  public String activeModel() {
    return registry.activeVersion().orElse(null);
  }
}
