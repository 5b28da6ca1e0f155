package io.playloop.jobs.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ProfileRecency;
import io.playloop.jobs.models.ProfileWeights;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.algorithms.als.AlsModel;
import io.playloop.jobs.models.algorithms.als.AlsParams;
import io.playloop.jobs.models.algorithms.blend.BlendModel;
import io.playloop.jobs.models.algorithms.bpr.BprModel;
import io.playloop.jobs.models.algorithms.bpr.BprParams;
import io.playloop.jobs.models.algorithms.ease.BlockedEase;
import io.playloop.jobs.models.algorithms.ease.BlockedEaseParams;
import io.playloop.jobs.models.algorithms.ease.EaseModel;
import io.playloop.jobs.models.algorithms.ease.EaseParams;
import io.playloop.jobs.models.algorithms.gfcf.GfcfModel;
import io.playloop.jobs.models.algorithms.gfcf.GfcfParams;
import io.playloop.jobs.models.algorithms.itemknn.ItemKnn;
import io.playloop.jobs.models.algorithms.itemknn.ItemKnnParams;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.algorithms.popularity.PopularityModel;
import io.playloop.jobs.models.algorithms.rp3beta.Rp3beta;
import io.playloop.jobs.models.algorithms.rp3beta.Rp3betaParams;
import io.playloop.jobs.models.linalg.Interactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of model saves and loads itself, in the layout lakes already hold. */
class ModelStoreTest {
  @TempDir static Path dir;
  static Lake lake;
  static ModelStore store;

  static final UserHistory HISTORY =
      new UserHistory(
          Map.of(
              1, new int[] {10, 11},
              2, new int[] {10, 11, 12},
              3, new int[] {12, 13},
              4, new int[] {13}));
  static final int[] ITEMS = {10, 11, 12, 13, 99};
  static final int[] USERS = {1, 2, 3, 4, 5};

  static List<Model> saved;

  /** One model of every kind, saved once under models/saved-<algorithm>. */
  @BeforeAll
  static void saveOneOfEach() throws Exception {
    lake = new Lake(SharedSpark.get(), dir.toUri().toString());
    store = new ModelStore(lake);
    AlsModel als = als();
    EaseModel ease = EaseModel.fit(HISTORY, new EaseParams(2), 100);
    saved =
        List.of(
            PopularityModel.fit(HISTORY),
            als,
            ease,
            BlendModel.of(List.of(ease, als), new double[] {0.3, 0.7}, USERS),
            bpr(),
            Rp3beta.fit(Interactions.of(HISTORY), new Rp3betaParams(2, 0.8, 0.3)),
            ItemKnn.fit(Interactions.of(HISTORY), new ItemKnnParams(2, 1)),
            GfcfModel.fit(Interactions.of(HISTORY), new GfcfParams(2, 0.3, 0.5, 2), 1));
    for (Model m : saved) {
      store.save("saved-" + m.algorithm(), m, Map.of("chosen", true));
    }
    store.save("saved-blocked-ease", blockedEase(), Map.of("chosen", false));
  }

  /** EASE on two blocks of two items, each reading from one item outside. */
  static Model blockedEase() {
    return BlockedEase.fit(Interactions.of(HISTORY), new BlockedEaseParams(2, 3, 2));
  }

  @Test
  void blockedEaseLoadsAsTheSparseModelItWasAndScoresTheSame() throws Exception {
    Model m = blockedEase();
    Model loaded = store.load("saved-blocked-ease");
    assertThat(loaded).isInstanceOf(ItemNeighbourModel.class);
    assertThat(loaded.algorithm()).isEqualTo("ease");
    assertThat(loaded.params()).isEqualTo(m.params()).containsKey("block_items");
    for (int u : USERS) {
      assertThat(loaded.score(u, ITEMS)).as("user " + u).containsExactly(m.score(u, ITEMS));
    }
    assertThat(dir.resolve("models/saved-blocked-ease/item_neighbours/_delta_log")).isDirectory();
  }

  @Test
  void everyKindOfModelScoresTheSameAfterALoad() throws Exception {
    for (Model m : saved) {
      String version = "saved-" + m.algorithm();
      Model loaded = store.load(version);
      assertThat(loaded).as(version).isInstanceOf(m.getClass());
      assertThat(loaded.params()).as(version).isEqualTo(m.params());
      assertThat(loaded.items()).as(version).containsExactly(m.items());
      for (int u : USERS) {
        assertThat(loaded.score(u, ITEMS))
            .as(version + " user " + u)
            .containsExactly(m.score(u, ITEMS));
      }
      assertThat(store.metrics(version)).containsEntry("chosen", true);
    }
  }

  @Test
  void theFoldersHoldTheTablesAndJsonFilesOfBefore() throws Exception {
    Path blend = dir.resolve("models/saved-blend");
    assertThat(blend.resolve("params.json")).exists();
    assertThat(blend.resolve("metrics.json")).exists();
    assertThat(blend.resolve("components/0/item_weights/_delta_log")).isDirectory();
    assertThat(blend.resolve("components/0/user_history/_delta_log")).isDirectory();
    assertThat(blend.resolve("components/1/user_factors/_delta_log")).isDirectory();
    assertThat(blend.resolve("components/1/item_factors/_delta_log")).isDirectory();
    assertThat(dir.resolve("models/saved-popularity/popularity/_delta_log")).isDirectory();

    Map<String, Object> params = store.directory("saved-blend").readJson("params.json");
    assertThat(params).containsOnlyKeys("algorithm", "params").containsEntry("algorithm", "blend");
    assertThat(store.directory("saved-blend").child("components/1").readJson("params.json"))
        .isEqualTo(
            Map.of(
                "algorithm",
                "als",
                "params",
                Map.of(
                    "rank",
                    2,
                    "reg",
                    0.1,
                    "alpha",
                    1.0,
                    "iterations",
                    15,
                    "negative_weight",
                    1.0)));
  }

  @Test
  void aRecencyProfiledItemModelKeepsItsWeightsAndHalfLifeAfterALoad() throws Exception {
    ProfileRecency recency = new ProfileRecency(java.time.LocalDate.parse("2026-03-01"), 7);
    ItemNeighbourModel profiled =
        Rp3beta.fit(Interactions.of(HISTORY), new Rp3betaParams(2, 0.8, 0.3))
            .withProfile(
                new ProfileWeights(
                    Map.of(ProfileWeights.key(2, 12), 1f, ProfileWeights.key(3, 13), 0.5f),
                    0.125f,
                    recency));
    store.save("saved-profiled", profiled, Map.of());
    ItemNeighbourModel loaded = (ItemNeighbourModel) store.load("saved-profiled");
    assertThat(loaded.profileHalfLifeDays()).isEqualTo(7.0);
    assertThat(loaded.params()).isEqualTo(profiled.params());
    for (int u : USERS) {
      assertThat(loaded.score(u, ITEMS)).as("user " + u).containsExactly(profiled.score(u, ITEMS));
    }
    // The weights changed the scores: user 2 liked 10, 11 (weight 1/8) and 12 (weight 1).
    Model plain = store.load("saved-rp3beta");
    assertThat(loaded.score(2, ITEMS)).isNotEqualTo(plain.score(2, ITEMS));
  }

  @Test
  void anItemModelWrittenBeforeProfileWeightsLoadsWithEveryPositiveWeighingOne() throws Exception {
    var spark = lake.spark();
    StructType neighbours =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("neighbours", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("weights", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    StructType history =
        new StructType()
            .add("user_id", DataTypes.IntegerType, false)
            .add("playlists", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    lake.overwrite(
        "models/old-rp3beta/item_neighbours",
        spark.createDataFrame(
            List.of(
                RowFactory.create(10, new Integer[] {11}, new Float[] {0.5f}),
                RowFactory.create(11, new Integer[] {10}, new Float[] {2f})),
            neighbours));
    lake.overwrite(
        "models/old-rp3beta/user_history",
        spark.createDataFrame(List.of(RowFactory.create(1, new Integer[] {11, 10})), history));
    Files.writeString(
        dir.resolve("models/old-rp3beta/params.json"),
        "{\"algorithm\": \"rp3beta\", \"params\": {\"neighbours\": 1, \"alpha\": 1.0,"
            + " \"beta\": 0.0}}");
    ItemNeighbourModel m = (ItemNeighbourModel) store.load("old-rp3beta");
    assertThat(m.profileHalfLifeDays()).isZero();
    // User 1 liked both: 10 gets 2 (from 11), 11 gets 0.5 (from 10).
    assertThat(m.score(1, new int[] {10, 11})).containsExactly(2f, 0.5f);
  }

  @Test
  void anAlsModelWrittenByTheFormerStoreStillLoads() throws Exception {
    // The layout as the store has always written it, built by hand here.
    StructType factors =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    var spark = lake.spark();
    lake.overwrite(
        "models/old-als/user_factors",
        spark.createDataFrame(
            List.of(
                RowFactory.create(1, new Float[] {1f, 2f}),
                RowFactory.create(2, new Float[] {0f, 1f})),
            factors));
    lake.overwrite(
        "models/old-als/item_factors",
        spark.createDataFrame(
            List.of(
                RowFactory.create(10, new Float[] {3f, 0f}),
                RowFactory.create(11, new Float[] {1f, 1f})),
            factors));
    Files.writeString(
        dir.resolve("models/old-als/params.json"),
        "{\n  \"algorithm\" : \"als\",\n  \"params\" : {\n    \"rank\" : 2,\n    \"reg\" : 0.1,\n"
            + "    \"alpha\" : 1.0,\n    \"iterations\" : 15,\n    \"negative_weight\" : 1.0\n  }\n}");

    Model m = store.load("old-als");
    assertThat(m).isInstanceOf(AlsModel.class);
    assertThat(m.items()).containsExactly(10, 11);
    // user 1 = (1, 2): item 10 = (3, 0) scores 3, item 11 = (1, 1) scores 3; user 2 = (0, 1).
    assertThat(m.score(1, new int[] {10, 11, 12})).containsExactly(3f, 3f, Float.NEGATIVE_INFINITY);
    assertThat(m.score(2, new int[] {10, 11})).containsExactly(0f, 1f);
  }

  @Test
  void missingVersionsUnknownAlgorithmsAndBadParamsAreClearErrors() throws Exception {
    assertThatThrownBy(() -> store.load("never-saved"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model version 'never-saved' is not in the lake");

    Files.createDirectories(dir.resolve("models/odd"));
    Files.writeString(
        dir.resolve("models/odd/params.json"), "{\"algorithm\": \"svd\", \"params\": {}}");
    assertThatThrownBy(() -> store.load("odd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has unknown algorithm svd");

    store
        .directory("no-rank")
        .writeJson("params.json", Map.of("algorithm", "als", "params", Map.of("reg", 0.1)));
    assertThatThrownBy(() -> store.load("no-rank"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter rank missing or not a number");
  }

  /** A rank-2 ALS model with hand-set factors. */
  /** Rank 1 plus the bias column; user 5 is unknown and gets the biases alone. */
  static BprModel bpr() {
    BprParams p = new BprParams(1, 0.05, 0.95, 0.002, 0.001, 1, 1, 1.0);
    return new BprModel(
        new IdVectors(new IdIndex(new int[] {1, 2}), new float[] {1f, 1f, -1f, 1f}, 2),
        new IdVectors(
            new IdIndex(new int[] {10, 11, 12}), new float[] {2f, 0.5f, -1f, 0f, 0f, 0.25f}, 2),
        p);
  }

  private static AlsModel als() {
    IdIndex users = new IdIndex(new int[] {1, 2, 3, 4});
    IdIndex items = new IdIndex(new int[] {10, 11, 12, 13});
    return new AlsModel(
        new IdVectors(users, new float[] {1, 0, 1, 0.5f, 0, 1, 0.2f, 1}, 2),
        new IdVectors(items, new float[] {1, 0, 0.8f, 0.1f, 0, 1, 0.1f, 0.9f}, 2),
        new AlsParams(2, 0.1, 1.0, 15, 1.0));
  }
}
