package io.playloop.jobs;

import io.playloop.core.config.PlayloopConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The picocli command of a {@link LegacyJob}: every option a string, "--flag" alone is true. */
final class LegacyCommand implements JobCommand<JobOptions> {
  private final CommandSpec spec = CommandSpec.create();

  LegacyCommand(List<OptionSpec> options) {
    for (OptionSpec o : options) {
      String def = o.defaultValue() == null ? "" : " (default " + o.defaultValue() + ")";
      spec.addOption(
          picocli.CommandLine.Model.OptionSpec.builder("--" + o.name())
              .arity("0..1")
              .fallbackValue("true")
              .type(String.class)
              .paramLabel("VALUE")
              .description((o.help() + def).replace("%", "%%"))
              .build());
    }
  }

  CommandSpec spec() {
    return spec;
  }

  @Override
  public JobOptions settings(PlayloopConfig config) {
    Map<String, String> values = new LinkedHashMap<>();
    for (var o : spec.options()) {
      Object v = o.getValue();
      if (v != null) {
        values.put(o.longestName().substring(2), v.toString());
      }
    }
    return JobOptions.of(values);
  }
}
