package io.playloop.jobs.metrics;

import io.playloop.core.dashboard.DashboardMetric;
import java.time.LocalDate;

/** One dashboard figure: a metric's value on a day, for a segment (a reason, a source, or ""). */
public record MetricRow(LocalDate day, DashboardMetric metric, String segment, double value) {}
