package io.playloop.jobs.lake;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * An S3 endpoint for tests: S3Proxy 2.9.0 over an in-memory blob store, on 127.0.0.1 and a free
 * port, inside the test JVM. Stop it with close().
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "playloop-access";
  public static final String SECRET_KEY = "playloop-secret";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final S3Client client;

  private S3ProxyServer(S3Proxy proxy, BlobStoreContext context) {
    this.proxy = proxy;
    this.context = context;
    this.client =
        S3Client.builder()
            .endpointOverride(URI.create(endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build();
  }

  public static S3ProxyServer start() throws Exception {
    Properties props = new Properties();
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(props)
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(20);
    }
    return new S3ProxyServer(proxy, context);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public S3Client client() {
    return client;
  }

  /** Creates a bucket with a fresh name (S3A does not create buckets). */
  public String createBucket() {
    String bucket = "playloop-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  public void put(String bucket, String key, String content) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  /** Every key under {@code prefix}, in key order. */
  public List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    client
        .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
        .contents()
        .forEach(o -> keys.add(o.key()));
    return keys;
  }

  /** Copies every object under {@code from} to the same key under {@code to} (a folder copy). */
  public void copyPrefix(String bucket, String from, String to) {
    for (String key : keys(bucket, from)) {
      String target = to + key.substring(from.length());
      client.copyObject(
          b ->
              b.sourceBucket(bucket)
                  .sourceKey(key)
                  .destinationBucket(bucket)
                  .destinationKey(target));
    }
  }

  /**
   * Points S3A at this server for {@code bucket} only (per-bucket settings), so the shared
   * session's other file systems keep their configuration.
   */
  public void configureBucket(Configuration hadoop, String bucket) {
    String p = "fs.s3a.bucket." + bucket + ".";
    hadoop.set(p + "endpoint", endpoint());
    hadoop.set(p + "endpoint.region", "us-east-1");
    hadoop.set(p + "path.style.access", "true");
    hadoop.set(p + "connection.ssl.enabled", "false");
    hadoop.set(
        p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    hadoop.set(p + "access.key", ACCESS_KEY);
    hadoop.set(p + "secret.key", SECRET_KEY);
    hadoop.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
    context.close();
  }
}
