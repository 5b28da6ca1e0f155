package io.playloop.jobs;

/** A job was not run because another run of it holds its lock on the same database. */
public final class JobAlreadyRunningException extends RuntimeException {
  public JobAlreadyRunningException(String message) {
    super(message);
  }
}
