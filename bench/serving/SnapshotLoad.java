// Loads one model version's snapshot the way the server does and reports time and heap.
// Run: java -Xmx8g -cp serving/target/playloop-serving.jar SnapshotLoad.java JDBC-URL VERSION
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.playloop.serving.model.ModelSnapshot;
import io.playloop.serving.model.SnapshotLoader;
import java.lang.management.ManagementFactory;

public class SnapshotLoad {
  public static void main(String[] args) throws Exception {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(args[0]);
    c.setUsername("postgres");
    c.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(c)) {
      SnapshotLoader loader = new SnapshotLoader(ds);
      for (int round = 1; round <= 3; round++) {
        long before = usedAfterGc();
        long start = System.nanoTime();
        ModelSnapshot s = loader.load(args[1], loader.owners());
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedAfterGc();
        System.out.printf(
            "round %d: %d users, %d entries, load %.2f s, heap retained %.0f MiB (estimate %.0f MiB)%n",
            round,
            s.recommendations().size(),
            s.recommendations().values().length,
            seconds,
            (after - before) / 1048576.0,
            s.bytes() / 1048576.0);
        s = null;
      }
    }
  }

  static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
