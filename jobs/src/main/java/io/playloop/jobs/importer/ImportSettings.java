package io.playloop.jobs.importer;

/**
 * An import run's settings, checked.
 *
 * @param input the interactions file (any Hadoop path)
 * @param format its layout
 * @param badRows how many unparsable rows are tolerated
 * @param titles item titles (id|title), or null
 * @param world how the interactions become positives, negatives and user-blocks
 * @param force import into a lake that holds data extracted from feedback
 */
record ImportSettings(
    String input,
    InteractionsFormat format,
    BadRowLimit badRows,
    String titles,
    ImportedWorld.Settings world,
    boolean force) {}
