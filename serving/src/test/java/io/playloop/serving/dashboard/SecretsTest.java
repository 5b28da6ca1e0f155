package io.playloop.serving.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.TestServer;
import org.junit.jupiter.api.Test;

/** Errors shown on the dashboard never carry a password, a key or a token. */
class SecretsTest {
  @Test
  void masksPasswordsInJdbcUrlsUserInfoAssignmentsAndTokens() {
    assertThat(
            Secrets.mask(
                "Cannot use PostgreSQL at jdbc:postgresql://db:5432/playloop?user=app&password=hunter2&ssl=true"))
        .isEqualTo(
            "Cannot use PostgreSQL at jdbc:postgresql://db:5432/playloop?user=app&password=***&ssl=true");
    assertThat(Secrets.mask("connect postgresql://app:hunter2@db/playloop failed"))
        .isEqualTo("connect postgresql://app:***@db/playloop failed");
    assertThat(Secrets.mask("PLAYLOOP_DB_PASSWORD=hunter2 fs.s3a.secret.key: \"abc def\""))
        .isEqualTo("PLAYLOOP_DB_PASSWORD=*** fs.s3a.secret.key: ***");
    assertThat(Secrets.mask("Authorization: Bearer plt_abcDEF123_-x")).doesNotContain("abcDEF123");
    assertThat(Secrets.mask("row 12 has like_playlist -1"))
        .isEqualTo("row 12 has like_playlist -1");
    assertThat(Secrets.mask(null)).isNull();
  }

  @Test
  void theDashboardShowsAFailedRunsErrorWithoutItsPassword() {
    try (TestServer server =
        TestServer.start(
            c -> {
              try (var ps =
                  c.prepareStatement(
                      "INSERT INTO pipeline_runs (job, status, finished_at, error)"
                          + " VALUES ('extract', 'failed', now(), ?)")) {
                ps.setString(
                    1,
                    "FATAL: password authentication failed for"
                        + " jdbc:postgresql://etl:s3cretPw@db.internal:5432/playloop?password=s3cretPw");
                ps.executeUpdate();
              }
            })) {
      TestServer.Answer page = server.get("/dashboard");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body())
          .contains("password authentication failed")
          .contains("etl:***@db.internal")
          .doesNotContain("s3cretPw");
    }
  }
}
