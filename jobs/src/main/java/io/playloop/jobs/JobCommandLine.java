package io.playloop.jobs;

import io.playloop.core.config.PlayloopConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Parses a job's arguments with picocli into its options, its settings and its usage text. */
public final class JobCommandLine {
  private JobCommandLine() {}

  /** A job's command line after parsing: the job's options, the common ones, and --help. */
  public record Parsed<S>(JobCommand<S> options, CommonOptions common, boolean helpRequested) {}

  /** Parses {@code args} (the words after the job's name); bad ones throw UsageException. */
  public static <S> Parsed<S> parse(Job<S> job, List<String> args) {
    JobCommand<S> options = job.command();
    CommonOptions common = new CommonOptions();
    CommandLine cmd = commandLine(job, options, common);
    try {
      CommandLine.ParseResult result = cmd.parseArgs(args.toArray(String[]::new));
      return new Parsed<>(options, common, result.isUsageHelpRequested());
    } catch (UnmatchedArgumentException e) {
      String first =
          e.getUnmatched().stream().filter(a -> a.startsWith("-")).findFirst().orElse(null);
      throw new UsageException(
          first == null
              ? "unexpected argument '" + e.getUnmatched().get(0) + "'"
              : "unknown option " + first.replaceFirst("=.*", ""));
    } catch (CommandLine.MissingParameterException e) {
      // picocli says "Missing required option: '--version=VERSION'"; the option's name is enough.
      java.util.regex.Matcher name =
          java.util.regex.Pattern.compile("--[\\w-]+").matcher(e.getMessage());
      throw new UsageException(
          name.find() ? "missing required option " + name.group() : e.getMessage());
    } catch (ParameterException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The checked settings of {@code job} for {@code args} under {@code config}. */
  public static <S> S settings(Job<S> job, List<String> args, PlayloopConfig config) {
    JobCommand<S> options = parse(job, args).options();
    try {
      return options.settings(config);
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
      // A bad value in the configuration file is as much a usage error as one on the command line.
      throw new UsageException(e.getMessage());
    }
  }

  /** The --help text of {@code job}: its options, then the common ones. */
  public static String usage(Job<?> job) {
    return usage(job, job.command());
  }

  private static <S> String usage(Job<?> job, JobCommand<S> options) {
    @SuppressWarnings("unchecked")
    Job<S> typed = (Job<S>) job;
    return commandLine(typed, options, new CommonOptions()).getUsageMessage();
  }

  /** Options given as a map (tests, and jobs that run other jobs) as arguments. */
  public static List<String> args(Map<String, String> options) {
    List<String> args = new ArrayList<>();
    options.forEach((name, value) -> args.add("--" + name + "=" + value));
    return args;
  }

  private static <S> CommandLine commandLine(
      Job<S> job, JobCommand<S> options, CommonOptions common) {
    CommandLine cmd = new CommandLine(options);
    cmd.addMixin("common", common);
    cmd.getCommandSpec().name("playloop " + job.name());
    cmd.getCommandSpec().usageMessage().description(job.description());
    cmd.getCommandSpec().usageMessage().showDefaultValues(true);
    cmd.getCommandSpec().usageMessage().sortOptions(false);
    cmd.setUsageHelpWidth(120);
    // As before picocli: the last of a repeated option wins, and "@file" is an ordinary value.
    cmd.setOverwrittenOptionsAllowed(true);
    cmd.setExpandAtFiles(false);
    cmd.registerConverter(Integer.class, v -> (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
    cmd.registerConverter(int.class, v -> (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
    cmd.registerConverter(Long.class, v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE));
    cmd.registerConverter(long.class, v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE));
    cmd.registerConverter(Boolean.class, JobCommandLine::truth);
    cmd.registerConverter(boolean.class, JobCommandLine::truth);
    return cmd;
  }

  /** A whole number; underscores may group digits (1_000_000). */
  private static long whole(String v, long min, long max) {
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n < min || n > max) {
        throw new TypeConversionException("'" + v + "' is out of range");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + v + "' is not a whole number");
    }
  }

  private static boolean truth(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new TypeConversionException("'" + v + "' is not true or false");
    };
  }
}
