// What access control adds to a request, in one process: checking a bearer token (SHA-256 of the
// token, constant-time compare with each stored hash; here 10 clients) and signing one recommended
// user's request_id with SipHash-2-4 (what the server uses) against HMAC-SHA256 over the same bytes.
// Run: java -cp serving/target/playloop-serving.jar bench/serving/TagCost.java
import io.playloop.serving.auth.CredentialsFile;
import io.playloop.serving.auth.ServedTags;
import java.security.MessageDigest;
import java.nio.ByteBuffer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class TagCost {
  public static void main(String[] args) throws Exception {
    ServedTags tags = ServedTags.withSecret("bench-served-key-of-at-least-32-characters");
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    int[] served = {104729, 209458, 14546, 28783, 32649};
    int[] scratch = new int[5];
    long context = tags.context("3kq1x9-1f", "als-20261130-0815");
    ByteBuffer message = ByteBuffer.allocate(64);
    String token = CredentialsFile.newToken();
    byte[][] stored = new byte[10][];
    for (int k = 0; k < stored.length; k++) {
      stored[k] = CredentialsFile.hash(CredentialsFile.newToken());
    }
    stored[7] = CredentialsFile.hash(token);
    long sink = 0;
    int n = 5_000_000;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += tags.tag(context, i, served, 0, 5, scratch);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < n / 10; i++) {
        message.clear();
        message.put("3kq1x9-1f".getBytes()).put("als-20261130-0815".getBytes()).putInt(i);
        for (int p : served) {
          message.putInt(p);
        }
        hmac.update(message.array(), 0, message.position());
        sink += hmac.doFinal()[0];
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < n / 10; i++) {
        byte[] h = CredentialsFile.hash(token);
        for (byte[] s : stored) {
          sink += MessageDigest.isEqual(h, s) ? 1 : 0;
        }
      }
      long t3 = System.nanoTime();
      System.out.printf(
          "round %d: SipHash tag %.0f ns/user, HMAC-SHA256 %.0f ns/user, token check %.0f ns/request%n",
          round, (t1 - t0) / (double) n, (t2 - t1) / (double) (n / 10), (t3 - t2) / (double) (n / 10));
    }
    System.out.println("(checksum " + sink + ")");
  }
}
