package io.playloop.serving.feedback;

import com.zaxxer.hikari.HikariDataSource;
import io.playloop.serving.ServingSettings;
import io.playloop.serving.pg.PostgresPool;

/**
 * The feedback writers' own connections, apart from the readers' pool: with group commit one per
 * writer (each keeps its staging table) and one to probe a lost database; one transaction per
 * request needs as many as the readers' pool has.
 */
public final class FeedbackPool {
  private FeedbackPool() {}

  public static HikariDataSource open(ServingSettings settings) {
    int size =
        settings.feedbackCommit() == ServingSettings.FeedbackCommit.GROUP
            ? settings.feedbackWriters() + 1
            : settings.dbPoolSize();
    return PostgresPool.open("playloop-feedback", settings.db(), size);
  }
}
