package io.playloop.core.db;

/** How to reach Playloop's PostgreSQL database. */
public record DbSettings(String url, String user, String password) {

  public DbSettings withUrl(String newUrl) {
    return new DbSettings(newUrl, user, password);
  }

  /** The database name at the end of the JDBC URL (before any query string). */
  public String databaseName() {
    String path = url.split("\\?", 2)[0];
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The same server's maintenance database "postgres", used to create this one. */
  public DbSettings maintenance() {
    return withDatabase("postgres");
  }

  /** Another database on the same server, with the same user and URL parameters. */
  public DbSettings withDatabase(String name) {
    String[] parts = url.split("\\?", 2);
    String base = parts[0].substring(0, parts[0].lastIndexOf('/') + 1) + name;
    return withUrl(parts.length > 1 ? base + "?" + parts[1] : base);
  }

  @Override
  public String toString() {
    return "DbSettings[url=" + url + ", user=" + user + "]";
  }
}
