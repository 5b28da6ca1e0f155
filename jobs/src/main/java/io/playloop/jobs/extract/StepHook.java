package io.playloop.jobs.extract;

/**
 * Called after each durable step of an extraction. Production runs pass {@link #NONE}; tests make
 * it throw at a step to prove that a rerun finishes the interrupted work.
 */
@FunctionalInterface
interface StepHook {
  StepHook NONE = step -> {};

  /** The step just committed: "triplets" (the user-blocks), "lake-write" (every lake table). */
  void after(String step);
}
