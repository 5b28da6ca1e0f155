package io.playloop.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.lake.LakeTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class CatalogSyncTest {
  @Test
  void replacesTheWholeCatalogKeepingNamesAndMissingOwners() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      var spark = SharedSpark.get();
      var first =
          spark.createDataFrame(
              List.of(RowFactory.create(1, 10, "old", 3), RowFactory.create(2, 11, "gone", 4)),
              LakeTable.PLAYLISTS.schema());
      CatalogSync.replacePlaylists(db.settings(), first);

      List<Row> rows =
          List.of(
              RowFactory.create(1, 10, "Road trip, \"loud\"", 12),
              RowFactory.create(3, null, "Imported item", 1));
      long n =
          CatalogSync.replacePlaylists(
              db.settings(), spark.createDataFrame(rows, LakeTable.PLAYLISTS.schema()));

      assertThat(n).isEqualTo(2);
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT playlist_id, owner_user_id, name FROM playlists ORDER BY 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.getString(3)).isEqualTo("Road trip, \"loud\"");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(3);
        rs.getInt(2);
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.next()).isFalse();
      }
    }
  }
}
