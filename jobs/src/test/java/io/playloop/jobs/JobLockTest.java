package io.playloop.jobs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobLockTest {
  @Test
  void theRefusalNamesTheHolderInItsOwnDatabaseNotAJobOfAnotherDatabase() throws Exception {
    try (TestDatabase other = TestDatabase.create();
        TestDatabase db = TestDatabase.create();
        // The same lock in another database of the same server: a different lock.
        JobLock elsewhere =
            JobLock.acquireTables(
                other.settings(), "generate", "user-block tables", Duration.ZERO);
        JobLock held =
            JobLock.acquireTables(db.settings(), "extract", "user-block tables", Duration.ZERO)) {
      assertThatThrownBy(
              () ->
                  JobLock.acquireTables(
                      db.settings(), "import", "user-block tables", Duration.ofMillis(200)))
          .isInstanceOf(JobAlreadyRunningException.class)
          .hasMessageContaining("'playloop extract'")
          .hasMessageNotContaining("'playloop generate'");
    }
  }
}
