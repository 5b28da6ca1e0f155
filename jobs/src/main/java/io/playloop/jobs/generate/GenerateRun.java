package io.playloop.jobs.generate;

/** A generate run's settings, checked: the world and its taste drift over simulated weeks. */
record GenerateRun(GenerateSettings world, Drift drift) {}
