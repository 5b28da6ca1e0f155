package io.playloop.core.api;

/** Every 4xx/5xx body: {@code {"error":"..."}}, a message that names the field at fault. */
public record ApiError(String error) {
  /** This error as JSON. */
  public String toJson() {
    StringBuilder b = new StringBuilder("{\"error\":");
    ApiJson.appendString(b, error);
    return b.append('}').toString();
  }
}
