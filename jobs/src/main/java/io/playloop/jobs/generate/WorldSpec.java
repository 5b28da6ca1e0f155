package io.playloop.jobs.generate;

import java.io.Serializable;

/** The shape of a generated world: sizes, seed and the taste model's parameters. */
record WorldSpec(
    int users,
    int playlists,
    int songs,
    long seed,
    int clusters,
    double songZipf,
    SizeRange library,
    SizeRange playlist,
    double explorationAlpha,
    double explorationBeta)
    implements Serializable {}
