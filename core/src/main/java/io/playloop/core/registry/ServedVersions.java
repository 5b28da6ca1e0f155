package io.playloop.core.registry;

/**
 * What the models table says the server should serve: the active version and, when a candidate has
 * a traffic share above 0, the newest such candidate and its share.
 */
public record ServedVersions(String active, String candidate, double candidateShare) {}
