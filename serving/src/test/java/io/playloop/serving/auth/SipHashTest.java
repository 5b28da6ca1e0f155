package io.playloop.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our SipHash-2-4 agrees with Guava's on messages of whole words, under random keys. */
class SipHashTest {
  @Test
  void matchesGuavasSipHash24() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      byte[] key = new byte[16];
      random.nextBytes(key);
      int words = trial % 9;
      ByteBuffer message = ByteBuffer.allocate(8 * words).order(ByteOrder.LITTLE_ENDIAN);
      SipHash.State ours = new SipHash(key).start();
      for (int i = 0; i < words; i++) {
        long w = random.nextLong();
        message.putLong(w);
        ours.add(w);
      }
      long theirs =
          Hashing.sipHash24(SipHash.le(key, 0), SipHash.le(key, 8))
              .hashBytes(message.array())
              .asLong();
      assertThat(ours.finish()).as("trial " + trial).isEqualTo(theirs);
    }
  }
}
