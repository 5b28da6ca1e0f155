package io.playloop.jobs;

/** A wrong command line: printed as one line with a hint to --help, exit code 2. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
