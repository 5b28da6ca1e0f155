package io.playloop.serving.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.api.RecommendedPlaylists;
import io.playloop.serving.http.JsonBytes;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecommendResponseBytesTest {
  @Test
  void bytesAreWhatTheCoreFormatWrites() {
    Random random = new Random(3);
    String[] versions = {"v1", "2026-11-26T10:00Z-blend", "vé\"rsion\\", null};
    for (int t = 0; t < 2_000; t++) {
      int user =
          t % 7 == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(t % 2 == 0 ? 10 : 2_000_000_000);
      int[] lists = new int[5];
      for (int k = 0; k < lists.length; k++) {
        lists[k] = k == 0 && t % 5 == 0 ? 1_000_000_000 : 1 + random.nextInt(1 << (1 + t % 30));
      }
      int n = t % 6;
      String version = versions[t % versions.length];
      String requestId = t % 9 == 0 ? null : "req-" + t;

      StringBuilder expected = new StringBuilder();
      RecommendedPlaylists.appendJson(expected, user, lists, n, version, requestId);
      JsonBytes actual = new JsonBytes(4);
      RecommendResponseWriter.element(
          actual, user, lists, 0, n, RecommendResponseWriter.suffix(version, requestId));
      assertThat(new String(actual.toByteArray(), StandardCharsets.UTF_8))
          .isEqualTo(expected.toString());
    }
  }

  @Test
  void writesEveryIntLikeToString() {
    for (int v :
        new int[] {0, 9, 10, 99, 100, 123456789, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
      assertThat(new String(new JsonBytes(1).append(v).toByteArray(), StandardCharsets.US_ASCII))
          .isEqualTo(Integer.toString(v));
    }
  }
}
