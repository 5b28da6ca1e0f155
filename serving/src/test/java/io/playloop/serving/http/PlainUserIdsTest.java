package io.playloop.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainUserIdsTest {
  private static final RequestParser FULL = new RequestParser(20, 20, 20);
  private static final String[] SPACE = {"", " ", "\n", "\t ", "\r\n"};
  private static final String[] ODD_IDS = {
    "0", "-1", "01", "1.0", "1e3", "2147483648", "99999999999", "\"7\"", "null", "true", "+3"
  };

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsPlainBodiesLikeTheFullParser() {
    assertThat(PlainUserIds.parse(bytes("{\"user_ids\":[1,2,3]}"), 20)).containsExactly(1, 2, 3);
    assertThat(PlainUserIds.parse(bytes(" { \"user_ids\" : [ 2147483647 ] }\n"), 20))
        .containsExactly(2147483647);
    assertThat(PlainUserIds.parse(bytes("{\"user_ids\":[5,5]}"), 20)).containsExactly(5, 5);
  }

  @Test
  void leavesEverythingElseToTheFullParser() {
    for (String body :
        new String[] {
          "{\"user_ids\":[]}",
          "{\"user_ids\":[1,]}",
          "{\"user_ids\":[1,,2]}",
          "{\"user_ids\":[1] ,}",
          "{\"user_ids\":[1]}x",
          "{\"user_ids\":[1], \"exclude_playlists\":[2]}",
          "{\"user_ids\":[0]}",
          "{\"user_ids\":[01]}",
          "{\"user_ids\":[2147483648]}",
          "{\"user_ids\":[1.5]}",
          "{\"user_ids\":1}",
          "{\"USER_IDS\":[1]}",
          "[1]",
          "",
          "{\"user_ids\":[" + "1,".repeat(20) + "1]}" // 21 ids, over the limit of 20
        }) {
      assertThat(PlainUserIds.parse(bytes(body), 20)).as(body).isNull();
    }
  }

  /** Random plain and mutated bodies: whatever the fast path accepts, the full parser agrees. */
  @Test
  void neverDisagreesWithTheFullParser() {
    Random random = new Random(11);
    int accepted = 0;
    for (int t = 0; t < 20_000; t++) {
      StringBuilder b = new StringBuilder();
      b.append(sp(random)).append('{').append(sp(random)).append("\"user_ids\"").append(sp(random));
      b.append(':').append(sp(random)).append('[');
      int n = 1 + random.nextInt(25);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          b.append(sp(random)).append(',');
        }
        b.append(sp(random));
        b.append(
            random.nextInt(20) == 0
                ? ODD_IDS[random.nextInt(ODD_IDS.length)]
                : String.valueOf(
                    1 + random.nextInt(random.nextBoolean() ? 100 : Integer.MAX_VALUE)));
      }
      b.append(sp(random)).append(']').append(sp(random)).append('}').append(sp(random));
      byte[] body = bytes(b.toString());
      if (random.nextInt(4) == 0) { // a random byte changed
        body[random.nextInt(body.length)] = (byte) (32 + random.nextInt(95));
      }
      int[] fast = PlainUserIds.parse(body, 20);
      if (fast == null) {
        continue;
      }
      accepted++;
      assertThat(fast)
          .as(new String(body, StandardCharsets.UTF_8))
          .containsExactly(FULL.parseRecommend(body).userIds());
    }
    assertThat(accepted).isGreaterThan(5_000);
  }

  private static String sp(Random random) {
    return random.nextInt(3) == 0 ? SPACE[random.nextInt(SPACE.length)] : "";
  }
}
