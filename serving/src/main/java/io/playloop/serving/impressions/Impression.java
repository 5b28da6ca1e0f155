package io.playloop.serving.impressions;

/** One user's answer of one recommend request, as logged to {@code impressions}. */
public record Impression(String requestId, int userId, String modelVersion, int[] playlists) {}
