package io.playloop.jobs;

/** A command-line option: --name, what it means, and its default (null: required or unset). */
public record OptionSpec(String name, String help, String defaultValue) {
  public static OptionSpec of(String name, String help, Object defaultValue) {
    return new OptionSpec(name, help, defaultValue == null ? null : String.valueOf(defaultValue));
  }
}
