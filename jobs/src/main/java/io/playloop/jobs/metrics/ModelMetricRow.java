package io.playloop.jobs.metrics;

import io.playloop.core.dashboard.DashboardMetric;
import java.time.LocalDate;

/** One figure of one model version on a day (online score, feedback volume). */
public record ModelMetricRow(
    LocalDate day, String modelVersion, DashboardMetric metric, double value) {}
