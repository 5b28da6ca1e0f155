package io.playloop.experiments;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.JobRunner;
import io.playloop.jobs.OptionChecks;
import io.playloop.jobs.pipeline.PipelineState;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The README's demo: the whole loop on a small generated world, on embedded defaults (local Spark,
 * the lake under ./lake, the local PostgreSQL): generate, pair, train, score, serve, simulate a few
 * rounds of users, extract their feedback, retrain, and show the new model version going live in
 * the running server.
 */
public final class DemoJob implements Job<DemoJob.Settings> {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String description() {
    return "the whole loop on a small world: generate, train, score, serve, simulate, retrain";
  }

  @Override
  public JobCommand<Settings> command() {
    return new Options();
  }

  /** The demo's world, server and simulator rounds. */
  record Settings(
      int users,
      int playlists,
      String seed,
      int port,
      int rounds,
      int roundUsers,
      String servingJar,
      boolean keepServing) {}

  /** demo's options, each declared once with its default. */
  static final class Options implements JobCommand<Settings> {
    @Option(
        names = "--users",
        paramLabel = "N",
        defaultValue = "1500",
        description = "users in the generated world")
    int users;

    @Option(
        names = "--playlists",
        paramLabel = "N",
        defaultValue = "3000",
        description = "playlists in the generated world")
    int playlists;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed")
    long seed;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "8080",
        description = "the server's port")
    int port;

    @Option(
        names = "--rounds",
        paramLabel = "N",
        defaultValue = "2",
        description = "simulator rounds before the retrain")
    int rounds;

    @Option(
        names = "--round-users",
        paramLabel = "N",
        defaultValue = "300",
        description = "users per simulator round")
    int roundUsers;

    @Option(
        names = "--serving-jar",
        paramLabel = "JAR",
        description =
            "the server jar (default: PLAYLOOP_SERVING_JAR, else serving/target/playloop-serving.jar)")
    String servingJar;

    @Option(
        names = "--keep-serving",
        arity = "0..1",
        paramLabel = "true|false",
        defaultValue = "true",
        description = "leave the server running at the end (Ctrl-C stops it) (default: true)")
    boolean keepServing;

    @Override
    public Settings settings(PlayloopConfig config) {
      return new Settings(
          OptionChecks.positive("users", users),
          OptionChecks.positive("playlists", playlists),
          String.valueOf(seed),
          OptionChecks.notNegative("port", port),
          OptionChecks.notNegative("rounds", rounds),
          OptionChecks.positive("round-users", roundUsers),
          servingJar != null
              ? servingJar
              : System.getenv()
                  .getOrDefault("PLAYLOOP_SERVING_JAR", "serving/target/playloop-serving.jar"),
          keepServing);
    }
  }

  @Override
  public JobResult run(JobContext context, Settings o) throws Exception {
    int port = o.port();
    String seed = o.seed();
    PipelineState state = new PipelineState(context.db());
    say("1/6 generate a world of " + o.users() + " users and " + o.playlists() + " playlists");
    step(
        context,
        "generate",
        Map.of(
            "users",
            String.valueOf(o.users()),
            "playlists",
            String.valueOf(o.playlists()),
            "seed",
            seed));
    say("2/6 pair users, train the rankers, score and promote");
    retrain(context, seed);
    String first = state.activeModel();
    say("    active model: " + first);

    File jar = LocalServer.jar(o.servingJar());
    say("3/6 start the server on port " + port + " (log: playloop-server.log)");
    LocalServer server = LocalServer.start(jar, port, context.db(), Path.of("playloop-server.log"));
    String url = server.url();
    boolean handedOver = false; // to the user, who stops it with Ctrl-C
    try {
      server.awaitReady();
      int rounds = o.rounds();
      for (int r = 1; r <= rounds; r++) {
        say("4/6 simulator round " + r + "/" + rounds);
        step(
            context,
            "simulate",
            Map.of(
                "url",
                url,
                "users",
                String.valueOf(o.roundUsers()),
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
      if (o.keepServing()) {
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
