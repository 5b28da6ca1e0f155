package io.playloop.jobs.spark;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import java.util.List;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which BLAS and LAPACK MLlib and the dense models run on (dev.ludovic.netlib: native OpenBLAS
 * through libblas.so.3 and liblapack.so.3, else a pure-Java fallback), said once in one line
 * instead of netlib's own warnings and stack traces.
 */
public final class NativeBlas {
  private static final Logger LOG = LoggerFactory.getLogger(NativeBlas.class);

  /** The line a run without the native libraries logs. */
  public static final String FALLBACK =
      "native BLAS not found: running on the Java fallback, slower; install libopenblas0"
          + " liblapack3";

  /**
   * netlib's own loggers: they warn on every implementation they fail to load (the JDK vector
   * module, ARPACK, which nothing here uses), also when native BLAS did load. Held here because
   * java.util.logging keeps loggers only weakly, and a collected logger loses its level.
   */
  private static final List<java.util.logging.Logger> QUIETED =
      List.of(
          java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder"),
          java.util.logging.Logger.getLogger("dev.ludovic.netlib.lapack.InstanceBuilder"),
          java.util.logging.Logger.getLogger("dev.ludovic.netlib.arpack.InstanceBuilder"));

  private static Loaded loaded;

  /** The implementations in use and whether each is native. */
  public record Loaded(String blas, boolean nativeBlas, String lapack, boolean nativeLapack) {
    /** The one line a job logs about them. */
    public String describe() {
      if (nativeBlas && nativeLapack) {
        return "native BLAS and LAPACK loaded (" + blas + ", " + lapack + ")";
      }
      if (nativeBlas) {
        return "native BLAS loaded ("
            + blas
            + "), LAPACK on the Java fallback ("
            + lapack
            + "), slower; install liblapack3";
      }
      return FALLBACK + " (" + blas + ", " + lapack + ")";
    }
  }

  private NativeBlas() {}

  /** What netlib loaded in this JVM (loading it on the first call, quietly). */
  public static synchronized Loaded detect() {
    if (loaded == null) {
      QUIETED.forEach(l -> l.setLevel(Level.OFF));
      BLAS blas = BLAS.getInstance();
      LAPACK lapack = LAPACK.getInstance();
      loaded =
          new Loaded(
              blas.getClass().getSimpleName(),
              blas instanceof NativeBLAS,
              lapack.getClass().getSimpleName(),
              lapack instanceof NativeLAPACK);
    }
    return loaded;
  }

  /** Logs the one line: at info when native, as a warning when on the fallback. */
  public static void log() {
    Loaded l = detect();
    if (l.nativeBlas() && l.nativeLapack()) {
      LOG.info(l.describe());
    } else {
      LOG.warn(l.describe());
    }
  }

  /** Prints the line (bench/models/native-blas.sh and the detection's test run this). */
  public static void main(String[] args) {
    System.out.println(detect().describe());
  }
}
