package io.playloop.serving;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.serving.auth.CredentialsFile;
import io.playloop.serving.auth.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code playloop serve credentials add}: mints a client's token into the credentials file. */
@Command(
    name = "credentials",
    mixinStandardHelpOptions = true,
    description = "Manage the clients allowed to call the server.",
    subcommands = CredentialsCommand.Add.class)
final class CredentialsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Adds (or, with --replace, rotates) one client's credential and prints its token once. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Adds a credential: prints a new token once (give it to the client, which sends",
        "'Authorization: Bearer <token>') and stores only its SHA-256 in the file. A running",
        "server picks the change up within a second."
      })
  static final class Add implements Callable<Integer> {
    @ParentCommand CredentialsCommand parent;

    @Option(names = "--client", required = true, paramLabel = "NAME", description = "client name")
    String client;

    @Option(
        names = "--scopes",
        required = true,
        paramLabel = "LIST",
        description = "comma-separated: read, feedback, admin")
    String scopes;

    @Option(
        names = "--file",
        paramLabel = "FILE",
        description =
            "the credentials file (default: key serving.auth.credentials-file,"
                + " PLAYLOOP_CREDENTIALS_FILE)")
    Path file;

    @Option(
        names = "--replace",
        description = "remove the client's older credentials (a rotation without overlap)")
    boolean replace;

    @Override
    public Integer call() throws IOException {
      var err = parent.spec.commandLine().getErr();
      var out = parent.spec.commandLine().getOut();
      Path target = file;
      if (target == null) {
        String configured =
            PlayloopConfig.load(System.getenv(PlayloopConfig.CONFIG_FILE_ENV), Map.of())
                .raw()
                .getString("serving.auth.credentials-file");
        if (configured.isBlank()) {
          err.println(
              "playloop serve credentials add: give --file FILE (or set"
                  + " PLAYLOOP_CREDENTIALS_FILE)");
          return ServerMain.BAD_SETTINGS;
        }
        target = Path.of(configured);
      }
      String token;
      try {
        token = CredentialsFile.add(target, client, Scope.parseList(scopes), replace);
      } catch (IllegalArgumentException e) {
        err.println("playloop serve credentials add: " + e.getMessage());
        return ServerMain.BAD_SETTINGS;
      }
      out.println(token);
      out.flush();
      err.println(
          "Added client '"
              + client
              + "' ("
              + Scope.format(Scope.parseList(scopes))
              + ") to "
              + target.toAbsolutePath()
              + "; the token above is shown only now.");
      err.flush();
      return 0;
    }
  }
}
