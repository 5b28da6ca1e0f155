package io.playloop.serving.dashboard;

import io.playloop.core.db.PipelineRun;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Everything the dashboard page shows for one date range, read from the dashboard tables. */
record DashboardData(
    LocalDate from,
    LocalDate to,
    LocalDate trainingDay,
    Map<String, Double> training,
    Map<String, List<SvgChart.Point>> blocksPerBatch,
    LocalDate feedbackDay,
    Map<String, Double> feedbackLatest,
    Map<String, Map<String, List<SvgChart.Point>>> feedbackSeries,
    Map<String, List<SvgChart.Point>> onlineScoreByModel,
    List<PipelineRun> runs) {}
