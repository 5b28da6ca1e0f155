package io.playloop.jobs.score;

import io.playloop.core.db.Database;
import io.playloop.core.db.DbSettings;
import io.playloop.core.serving.ExplorationTableDefinition;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Replaces one model version's taste clusters in {@code exploration_clusters} (as {@link
 * ExplorationTableDefinition} defines it) in one transaction.
 */
final class ExplorationTables {
  private ExplorationTables() {}

  static void replace(DbSettings db, String version, List<TasteClusters.Cluster> clusters) {
    try (Connection c = Database.connect(db)) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps =
            c.prepareStatement(ExplorationTableDefinition.deleteVersion())) {
          ps.setString(1, version);
          ps.executeUpdate();
        }
        StringBuilder rows = new StringBuilder();
        for (TasteClusters.Cluster cluster : clusters) {
          ExplorationTableDefinition.appendCsvRow(
              rows, version, cluster.id(), cluster.pool(), cluster.members());
        }
        if (!clusters.isEmpty()) {
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(ExplorationTableDefinition.copyIn(), new StringReader(rows.toString()));
        }
        c.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        if (e instanceof SQLException s) {
          throw s;
        }
        if (e instanceof IOException io) {
          throw new IllegalStateException("could not copy taste clusters into PostgreSQL", io);
        }
        throw (RuntimeException) e;
      }
    } catch (SQLException e) {
      throw Database.unavailable(db, e);
    }
  }
}
