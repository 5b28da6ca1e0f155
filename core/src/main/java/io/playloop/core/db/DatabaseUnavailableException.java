package io.playloop.core.db;

/** PostgreSQL could not be reached or used; the message says which URL and how to fix it. */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
