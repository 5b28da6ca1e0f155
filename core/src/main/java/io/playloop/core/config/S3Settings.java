package io.playloop.core.config;

/** Where and how to reach an S3-compatible object store; blank values mean the S3A defaults. */
public record S3Settings(
    String endpoint,
    String region,
    String accessKey,
    String secretKey,
    boolean pathStyleAccess,
    boolean sslEnabled) {

  @Override
  public String toString() {
    // Never print the secret key.
    return "S3Settings[endpoint="
        + endpoint
        + ", region="
        + region
        + ", accessKey="
        + (accessKey.isEmpty() ? "" : "***")
        + ", pathStyleAccess="
        + pathStyleAccess
        + ", sslEnabled="
        + sslEnabled
        + "]";
  }
}
