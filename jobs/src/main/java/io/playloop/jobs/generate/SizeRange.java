package io.playloop.jobs.generate;

import java.io.Serializable;

/** A size distribution: log-normal around a median, clamped to [min, max]. */
record SizeRange(int min, int median, int max) implements Serializable {}
