package io.playloop.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.api.FeedbackRequest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed request ids: one key signs and checks; anything else changed breaks the tag. */
class ServedTagsTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef";

  @Test
  void aTagIsBase64OfTheMacAndDoesNotDependOnTheOrderOfThePlaylists() {
    ServedTags tags = ServedTags.withSecret(KEY);
    String a = tags.signedId("r1", "v1", 7, new int[] {5, 3, 9});
    String b = tags.signedId("r1", "v1", 7, new int[] {9, 5, 3});
    assertThat(a).isEqualTo(b).startsWith("r1.").hasSize(3 + ServedTags.TAG_LENGTH);
    long mac = tags.tag(tags.context("r1", "v1"), 7, new int[] {3, 5, 9}, 0, 3, new int[3]);
    byte[] bytes = java.nio.ByteBuffer.allocate(8).putLong(mac).array();
    assertThat(a.substring(3))
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    // Another key (another server without a shared served-key) signs differently.
    assertThat(ServedTags.withSecret(KEY + "x").signedId("r1", "v1", 7, new int[] {3, 5, 9}))
        .isNotEqualTo(a);
  }

  @Test
  void verifyAcceptsTheServedSetAndRefusesAnyChange() {
    ServedTags tags = ServedTags.withSecret(KEY);
    String id = tags.signedId("r9", "v2", 11, new int[] {1, 2, 3, 4, 5});
    tags.verify(new FeedbackRequest(11, 3, new int[] {5, 1, 4, 2}, id, "v2"));
    for (FeedbackRequest bad :
        new FeedbackRequest[] {
          new FeedbackRequest(12, 3, new int[] {5, 1, 4, 2}, id, "v2"),
          new FeedbackRequest(11, 6, new int[] {5, 1, 4, 2}, id, "v2"),
          new FeedbackRequest(11, 3, new int[] {5, 1, 4}, id, "v2"),
          new FeedbackRequest(11, 3, new int[] {5, 1, 4, 2}, id, "v1"),
          new FeedbackRequest(11, 3, new int[] {5, 1, 4, 2}, "r8" + id.substring(2), "v2"),
        }) {
      assertThatThrownBy(() -> tags.verify(bad)).isInstanceOf(Forbidden.class);
    }
  }
}
