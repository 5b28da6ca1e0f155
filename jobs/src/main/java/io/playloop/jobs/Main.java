package io.playloop.jobs;

import io.playloop.core.db.DatabaseUnavailableException;
import java.util.Arrays;
import java.util.List;

/** The one entry point: {@code Main <job> [--option value ...]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line; returns the process exit code (0 ok, 1 failed, 2 usage). */
  public static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      System.out.println(usage());
      return args.length == 0 ? 2 : 0;
    }
    Job<?> job = Jobs.byName(args[0]).orElse(null);
    if (job == null) {
      System.err.println(
          "playloop: unknown job '" + args[0] + "' (playloop --help lists the jobs)");
      return 2;
    }
    List<String> jobArgs = Arrays.asList(args).subList(1, args.length);
    try {
      JobCommandLine.Parsed<?> parsed = JobCommandLine.parse(job, jobArgs);
      if (parsed.helpRequested()) {
        System.out.print(JobCommandLine.usage(job));
        return 0;
      }
      JobRunner.run(job, JobContext.fromCommandLine(job.name(), jobArgs, parsed.common()));
      return 0;
    } catch (UsageException e) {
      System.err.println(
          "playloop " + job.name() + ": " + e.getMessage() + " (see: " + job.name() + " --help)");
      return 2;
    } catch (DatabaseUnavailableException | JobAlreadyRunningException e) {
      System.err.println("playloop " + job.name() + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("playloop " + job.name() + " failed: " + JobRunner.oneLine(e));
      e.printStackTrace();
      return 1;
    }
  }

  static String usage() {
    StringBuilder b = new StringBuilder("usage: playloop <job> [--option value ...]\n\njobs:\n");
    Jobs.all()
        .forEach(
            (name, job) -> b.append(String.format("  %-12s %s%n", name, job.get().description())));
    b.append("\n<job> --help lists a job's options.");
    return b.toString();
  }
}
