package io.playloop.jobs.importer;

/** An input had more unusable rows than allowed; nothing was written. */
public final class TooManyBadRowsException extends RuntimeException {
  public TooManyBadRowsException(String message) {
    super(message);
  }
}
