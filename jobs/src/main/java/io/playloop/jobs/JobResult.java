package io.playloop.jobs;

import java.util.Map;

/**
 * What a job read and wrote: the counts go to pipeline_runs, the summary to the log, details
 * (small, JSON-able) to pipeline_runs.details.
 */
public record JobResult(
    long rowsIn, long rowsOut, String summary, String watermark, Map<String, Object> details) {

  public static JobResult of(long rowsIn, long rowsOut, String summary) {
    return new JobResult(rowsIn, rowsOut, summary, null, Map.of());
  }

  public JobResult withDetails(Map<String, Object> newDetails) {
    return new JobResult(rowsIn, rowsOut, summary, watermark, newDetails);
  }

  public JobResult withWatermark(String newWatermark) {
    return new JobResult(rowsIn, rowsOut, summary, newWatermark, details);
  }
}
