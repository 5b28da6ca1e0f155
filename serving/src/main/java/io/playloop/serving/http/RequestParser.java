package io.playloop.serving.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.playloop.core.api.FeedbackRequest;
import io.playloop.core.api.RecommendRequest;
import java.io.IOException;
import java.util.Arrays;

/**
 * Parses and validates the API's request bodies with Jackson's streaming parser, straight into the
 * core records: every rule of the API (docs/api.md), each failure an {@link InvalidRequest} naming
 * the field. Unknown fields are skipped.
 */
public final class RequestParser {
  /** Longest accepted request_id / model_version strings in feedback. */
  public static final int MAX_TEXT = 128;

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final int maxUserIds;
  private final int maxOtherPlaylists;
  private final int maxExcludePlaylists;

  public RequestParser(int maxUserIds, int maxOtherPlaylists, int maxExcludePlaylists) {
    this.maxUserIds = maxUserIds;
    this.maxOtherPlaylists = maxOtherPlaylists;
    this.maxExcludePlaylists = maxExcludePlaylists;
  }

  /** {@code {"user_ids":[...], "exclude_playlists":[...]?}}. */
  public RecommendRequest recommend(byte[] body) {
    int[] plain = PlainUserIds.parse(body, maxUserIds);
    if (plain != null) {
      return new RecommendRequest(plain, null);
    }
    return parseRecommend(body);
  }

  /** The full parse, for any body (package-private: the fast path is tested against it). */
  RecommendRequest parseRecommend(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      startObject(p);
      int[] userIds = null;
      int[] exclude = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "user_ids" -> userIds = ids(p, "user_ids", maxUserIds, false);
          case "exclude_playlists" ->
              exclude =
                  value == JsonToken.VALUE_NULL
                      ? null
                      : ids(p, "exclude_playlists", maxExcludePlaylists, true);
          default -> p.skipChildren();
        }
      }
      endObject(p);
      if (userIds == null) {
        throw new InvalidRequest("user_ids is required: an array of positive user ids");
      }
      return new RecommendRequest(userIds, exclude);
    } catch (JsonParseException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new InvalidRequest("malformed JSON");
    }
  }

  /** {@code {"user_id":1,"like_playlist":2,"other_playlists":[...]}} plus optional ids. */
  public FeedbackRequest feedback(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      startObject(p);
      int userId = 0;
      int like = 0;
      int[] others = null;
      String requestId = null;
      String modelVersion = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "user_id" -> userId = positiveInt(p, "user_id");
          case "like_playlist" -> like = positiveInt(p, "like_playlist");
          case "other_playlists" -> others = ids(p, "other_playlists", maxOtherPlaylists, false);
          case "request_id" -> requestId = optionalText(p, "request_id");
          case "model_version" -> modelVersion = optionalText(p, "model_version");
          default -> p.skipChildren();
        }
      }
      endObject(p);
      if (userId == 0) {
        throw new InvalidRequest("user_id is required: a positive integer");
      }
      if (like == 0) {
        throw new InvalidRequest("like_playlist is required: a positive integer");
      }
      if (others == null) {
        throw new InvalidRequest(
            "other_playlists is required: the playlists shown beside like_playlist");
      }
      int[] sorted = others.clone();
      Arrays.sort(sorted);
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i] == sorted[i - 1]) {
          throw new InvalidRequest(
              "other_playlists must not contain duplicates (" + sorted[i] + " appears twice)");
        }
      }
      if (Arrays.binarySearch(sorted, like) >= 0) {
        throw new InvalidRequest("other_playlists must not contain like_playlist (" + like + ")");
      }
      return new FeedbackRequest(userId, like, others, requestId, modelVersion);
    } catch (JsonParseException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new InvalidRequest("malformed JSON");
    }
  }

  private static void startObject(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new InvalidRequest("request body must be a JSON object");
    }
  }

  private static void endObject(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new InvalidRequest("malformed JSON: the object is not closed");
    }
    if (p.nextToken() != null) {
      throw new InvalidRequest("malformed JSON: unexpected content after the object");
    }
  }

  private static int positiveInt(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() != JsonParser.NumberType.INT
        || p.getIntValue() <= 0) {
      p.skipChildren();
      throw new InvalidRequest(field + " must be a positive integer (at most 2147483647)");
    }
    return p.getIntValue();
  }

  private static String optionalText(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      p.skipChildren();
      throw new InvalidRequest(field + " must be a string");
    }
    String s = p.getText();
    if (s.length() > MAX_TEXT) {
      throw new InvalidRequest(field + " is longer than " + MAX_TEXT + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20) {
        // PostgreSQL text cannot hold NUL; no id needs control characters.
        throw new InvalidRequest(field + " must not contain control characters");
      }
    }
    return s;
  }

  private static int[] ids(JsonParser p, String field, int max, boolean emptyOk)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new InvalidRequest(field + " must be an array of positive integers");
    }
    int[] out = new int[8];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() != JsonParser.NumberType.INT
          || p.getIntValue() <= 0) {
        throw new InvalidRequest(
            field + "[" + n + "] must be a positive integer (at most 2147483647)");
      }
      if (n == max) {
        throw new InvalidRequest(field + " has more than " + max + " entries");
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = p.getIntValue();
    }
    if (n == 0 && !emptyOk) {
      throw new InvalidRequest(field + " must not be empty");
    }
    return Arrays.copyOf(out, n);
  }

  private static InvalidRequest malformed(JsonParseException e) {
    String m = e.getOriginalMessage();
    if (m != null && m.startsWith("Duplicate field")) {
      int q1 = m.indexOf('\'');
      int q2 = m.indexOf('\'', q1 + 1);
      String name = q1 >= 0 && q2 > q1 ? m.substring(q1 + 1, q2) : "?";
      return new InvalidRequest("duplicate field " + clip(name));
    }
    var loc = e.getLocation();
    return new InvalidRequest(
        loc == null
            ? "malformed JSON"
            : "malformed JSON at line " + loc.getLineNr() + ", column " + loc.getColumnNr());
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
