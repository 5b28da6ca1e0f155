package io.playloop.jobs.models.evaluation;

import io.playloop.core.registry.ValidationScope;

/** Validation data and the record of which it is (window, dates, users, fallback). */
public record WindowedValidation(Validation data, ValidationScope scope) {}
