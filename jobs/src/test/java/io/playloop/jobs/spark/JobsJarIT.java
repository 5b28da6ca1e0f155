package io.playloop.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.Launcher;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded jobs jar carries what S3A's role-based logins load at run time. */
class JobsJarIT {
  @Test
  void theJarHasTheAwsSdkStsModuleForAssumedRoleAndWebIdentityLogins() throws Exception {
    try (JarFile jar =
        new JarFile(Launcher.sparkHome().resolve("jars/playloop-jobs.jar").toFile())) {
      // S3A's assumed-role provider builds an STS client and its assume-role provider.
      assertThat(jar.getEntry("org/apache/hadoop/fs/s3a/auth/AssumedRoleCredentialProvider.class"))
          .isNotNull();
      assertThat(jar.getEntry("software/amazon/awssdk/services/sts/StsClient.class")).isNotNull();
      assertThat(
              jar.getEntry(
                  "software/amazon/awssdk/services/sts/auth/StsAssumeRoleCredentialsProvider.class"))
          .isNotNull();
      // The SDK's web-identity provider loads this factory by name, or fails with "To use web
      // identity tokens, the 'sts' service module must be on the class path".
      assertThat(
              jar.getEntry(
                  "software/amazon/awssdk/services/sts/internal/"
                      + "StsWebIdentityCredentialsProviderFactory.class"))
          .isNotNull();
    }
  }
}
