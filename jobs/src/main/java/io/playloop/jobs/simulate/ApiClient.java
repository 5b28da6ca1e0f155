package io.playloop.jobs.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.core.api.ApiPaths;
import io.playloop.core.api.FeedbackRequest;
import io.playloop.core.api.RecommendRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Playloop's HTTP API as any client sees it, with retries and exponential backoff on 503 answers
 * and connection errors.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String bearerToken;
  private final int maxAttempts;
  private final long firstBackoffMillis;

  public ApiClient(String baseUrl, String bearerToken, int maxAttempts, long firstBackoffMillis) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.bearerToken = bearerToken;
    this.maxAttempts = maxAttempts;
    this.firstBackoffMillis = firstBackoffMillis;
  }

  /** What /recommend served one user. */
  public record Served(int[] playlists, String requestId, String modelVersion) {}

  /** The outcome of one call: its answer (or null), attempts made, the last error. */
  public record Call<T>(T value, int attempts, String error, long nanos) {
    public boolean ok() {
      return error == null;
    }
  }

  public Call<Served> recommend(int userId) {
    return send(
        ApiPaths.RECOMMEND,
        new RecommendRequest(userId).toJson(),
        body -> {
          JsonNode first = JSON.readTree(body).get(0);
          JsonNode list = first.get("playlists");
          int[] playlists = new int[list.size()];
          for (int i = 0; i < playlists.length; i++) {
            playlists[i] = list.get(i).asInt();
          }
          return new Served(playlists, text(first, "request_id"), text(first, "model_version"));
        });
  }

  public Call<Boolean> feedback(FeedbackRequest request) {
    return send(ApiPaths.FEEDBACK, request.toJson(), body -> Boolean.TRUE);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private interface Parser<T> {
    T parse(String body) throws IOException;
  }

  private <T> Call<T> send(String path, String body, Parser<T> parser) {
    long started = System.nanoTime();
    String error = null;
    int attempts = 0;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      attempts = attempt;
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (bearerToken != null && !bearerToken.isBlank()) {
        request.header("Authorization", "Bearer " + bearerToken);
      }
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return new Call<>(
              parser.parse(response.body()), attempt, null, System.nanoTime() - started);
        }
        error = "HTTP " + response.statusCode() + ": " + response.body();
        if (response.statusCode() != 503) {
          break; // a 4xx will not get better by retrying
        }
      } catch (IOException e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = "interrupted";
        break;
      }
      if (attempt < maxAttempts) {
        try {
          Thread.sleep(firstBackoffMillis << (attempt - 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return new Call<>(null, attempts, error, System.nanoTime() - started);
  }
}
