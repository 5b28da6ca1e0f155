package io.playloop.jobs.models.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.algorithms.gfcf.GfcfModel;
import io.playloop.jobs.models.algorithms.gfcf.GfcfParams;
import io.playloop.jobs.models.algorithms.itemknn.ItemKnn;
import io.playloop.jobs.models.algorithms.itemknn.ItemKnnParams;
import io.playloop.jobs.models.algorithms.rp3beta.Rp3beta;
import io.playloop.jobs.models.algorithms.rp3beta.Rp3betaParams;
import io.playloop.jobs.models.linalg.Interactions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** score broadcasts the chosen model to Spark's executors: the sparse item models must travel. */
class SparseItemModelsSerializeTest {
  private static final UserHistory TINY =
      new UserHistory(
          Map.of(1, new int[] {10, 11}, 2, new int[] {10, 11, 12}, 3, new int[] {12, 13}));
  private static final int[] ITEMS = {10, 11, 12, 13};

  @Test
  void eachSparseItemModelScoresTheSameAfterJavaSerialization() throws Exception {
    Interactions positives = Interactions.of(TINY);
    List<Model> models =
        List.of(
            Rp3beta.fit(positives, new Rp3betaParams(10, 1.0, 0.5)),
            ItemKnn.fit(positives, new ItemKnnParams(10, 1.0)),
            GfcfModel.fit(positives, new GfcfParams(2, 0.3, 0.5, 10), 1));
    for (Model m : models) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(m);
      }
      Model back;
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        back = (Model) in.readObject();
      }
      for (int user : new int[] {1, 2, 3}) {
        assertThat(back.score(user, ITEMS)).as(m.algorithm()).containsExactly(m.score(user, ITEMS));
      }
    }
  }
}
