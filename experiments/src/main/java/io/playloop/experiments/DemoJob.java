package io.playloop.experiments;

import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.JobRunner;
import io.playloop.jobs.LegacyJob;
import io.playloop.jobs.OptionSpec;
import io.playloop.jobs.pipeline.PipelineState;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's demo: the whole loop on a small generated world, on embedded defaults (local Spark,
 * the lake under ./lake, the local PostgreSQL): generate, pair, train, score, serve, simulate a few
 * rounds of users, extract their feedback, retrain, and show the new model version going live in
 * the running server.
 */
public final class DemoJob implements LegacyJob {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String description() {
    return "the whole loop on a small world: generate, train, score, serve, simulate, retrain";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(
        OptionSpec.of("users", "users in the generated world", 1500),
        OptionSpec.of("playlists", "playlists in the generated world", 3000),
        OptionSpec.of("seed", "random seed", 42),
        OptionSpec.of("port", "the server's port", 8080),
        OptionSpec.of("rounds", "simulator rounds before the retrain", 2),
        OptionSpec.of("round-users", "users per simulator round", 300),
        OptionSpec.of(
            "serving-jar",
            "the server jar (PLAYLOOP_SERVING_JAR)",
            "serving/target/playloop-serving.jar"),
        OptionSpec.of(
            "keep-serving", "leave the server running at the end (Ctrl-C stops it)", true));
  }

  @Override
  public JobResult run(JobContext context) throws Exception {
    var o = context.options();
    int port = o.getInt("port", 8080);
    String seed = o.get("seed", "42");
    PipelineState state = new PipelineState(context.db());
    say(
        "1/6 generate a world of "
            + o.get("users", "1500")
            + " users and "
            + o.get("playlists", "3000")
            + " playlists");
    step(
        context,
        "generate",
        Map.of(
            "users",
            o.get("users", "1500"),
            "playlists",
            o.get("playlists", "3000"),
            "seed",
            seed));
    say("2/6 pair users, train the rankers, score and promote");
    retrain(context, seed);
    String first = state.activeModel();
    say("    active model: " + first);

    File jar =
        LocalServer.jar(
            o.get(
                "serving-jar",
                System.getenv()
                    .getOrDefault("PLAYLOOP_SERVING_JAR", "serving/target/playloop-serving.jar")));
    say("3/6 start the server on port " + port + " (log: playloop-server.log)");
    LocalServer server = LocalServer.start(jar, port, context.db(), Path.of("playloop-server.log"));
    String url = server.url();
    boolean handedOver = false; // to the user, who stops it with Ctrl-C
    try {
      server.awaitReady();
      int rounds = o.getInt("rounds", 2);
      for (int r = 1; r <= rounds; r++) {
        say("4/6 simulator round " + r + "/" + rounds);
        step(
            context,
            "simulate",
            Map.of(
                "url",
                url,
                "users",
                o.get("round-users", "300"),
                "window-seconds",
                "5",
                "seed",
                seed + r));
      }
      say("5/6 extract the feedback into the lake, compute the dashboard metrics, retrain");
      step(context, "extract", Map.of());
      step(context, "metrics", Map.of());
      retrain(context, seed + "1");
      String second = state.activeModel();
      String served = server.awaitServed(second);
      say(
          "6/6 active model "
              + first
              + " -> "
              + second
              + "; the server now answers with "
              + served);
      say("");
      say(
          "Playloop is serving: open http://localhost:"
              + port
              + "/  (dashboard: http://localhost:"
              + port
              + "/dashboard, metrics: /metrics)");
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("first_model", first);
      details.put("second_model", second);
      details.put("served_by", served);
      if (o.getBoolean("keep-serving", true)) {
        say("The server keeps running; press Ctrl-C to stop it.");
        server.stopOnExit();
        handedOver = true;
        server.process().waitFor();
      }
      return new JobResult(0, 0, "demo: " + details, null, details);
    } finally {
      // A failed step must not leave the child server holding the port.
      if (!handedOver) {
        server.close();
      }
    }
  }

  private static void retrain(JobContext context, String seed) throws Exception {
    step(context, "pair-users", Map.of("seed", seed));
    step(context, "train", Map.of("budget", "1", "seed", seed));
    // On a world this small, validation MRR moves by about 0.01 between equally good models.
    step(context, "score", Map.of("gate-tolerance", "0.01"));
  }

  private static void step(JobContext context, String job, Map<String, String> options)
      throws Exception {
    JobRunner.runStep(context, job, options);
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
