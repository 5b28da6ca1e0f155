package io.playloop.jobs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobCommandLine;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobRunner;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.generate.GenerateJob;
import io.playloop.jobs.lake.S3ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/zeppelin.md's S3 setup, as a Zeppelin user has it: a lake the jobs wrote to an S3 endpoint
 * (S3Proxy), read by Spark 4.0 with Delta Lake 4.0 and hadoop-aws, configured by the notebook's
 * %spark.conf paragraph and nothing else but AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY in the environment.
 */
class Spark40ReadsAnS3LakeTest {
  @Test
  void theExploreNotebookGivesTheSameRowsFromAnS3LakeOnSpark40(@TempDir Path work)
      throws Exception {
    SparkSession spark = SharedSpark.get();
    try (S3ProxyServer s3 = S3ProxyServer.start();
        TestDatabase db = TestDatabase.create()) {
      String bucket = s3.createBucket();
      s3.configureBucket(spark.sparkContext().hadoopConfiguration(), bucket);
      String lake = "s3a://" + bucket + "/lake";
      PlayloopConfig config =
          PlayloopConfig.load(
              null, Map.of("lake.uri", lake, "db.url", db.url(), "db.user", db.settings().user()));
      JobRunner.run(
          new GenerateJob(),
          new JobContext(
              "generate",
              JobCommandLine.args(
                  Map.of("users", "60", "playlists", "200", "songs", "800", "seed", "5")),
              config,
              SharedSpark::get));

      Path notebook = NotebooksTest.NOTEBOOKS.resolve("explore-lake_2MBQ5WZGH.zpln");
      String sparkConf = null;
      List<String> statements = new ArrayList<>();
      for (JsonNode paragraph : NotebooksTest.paragraphs(notebook)) {
        String text = paragraph.get("text").asText();
        switch (NotebooksTest.interpreter(text)) {
          case "%spark.conf" -> sparkConf = NotebooksTest.body(text);
          case "%spark.sql" ->
              statements.add(NotebooksTest.FORM.matcher(NotebooksTest.body(text)).replaceAll(lake));
          default -> {}
        }
      }
      Properties conf = NotebooksTest.properties(sparkConf);
      // What docs/zeppelin.md tells an S3 user to add to the packages.
      assertThat(Spark40.classpath())
          .map(p -> p.getFileName().toString())
          .contains("hadoop-aws-3.4.1.jar");

      String expected = SparkSqlReader.render(spark, statements);
      Spark40.Result onSpark40 =
          Spark40.run(
              conf,
              statements,
              work,
              Map.of(
                  "AWS_ENDPOINT_URL", s3.endpoint(),
                  "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                  "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));

      assertThat(onSpark40.sparkVersion()).startsWith("4.0.");
      assertThat(onSpark40.rows()).isEqualTo(expected);
      assertThat(expected).contains("=== " + (statements.size() - 1));
      assertThat(spark.read().format("delta").load(lake + "/triplets_data").count()).isPositive();
    }
  }
}
