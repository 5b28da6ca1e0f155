package io.playloop.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NativeBlasTest {
  @Test
  void detectionReportsTheImplementationsNetlibLoaded() {
    NativeBlas.Loaded loaded = NativeBlas.detect();
    BLAS blas = BLAS.getInstance();
    LAPACK lapack = LAPACK.getInstance();
    assertThat(loaded.blas()).isEqualTo(blas.getClass().getSimpleName());
    assertThat(loaded.nativeBlas()).isEqualTo(blas instanceof NativeBLAS);
    assertThat(loaded.lapack()).isEqualTo(lapack.getClass().getSimpleName());
    assertThat(loaded.nativeLapack()).isEqualTo(lapack instanceof NativeLAPACK);
    assertThat(loaded.describe())
        .startsWith(
            loaded.nativeBlas() && loaded.nativeLapack()
                ? "native BLAS and LAPACK loaded (JNIBLAS, JNILAPACK)"
                : loaded.nativeBlas() ? "native BLAS loaded" : NativeBlas.FALLBACK);
  }

  @Test
  void withoutTheNativeLibrariesAJvmSaysSoInOneLineWithoutNetlibsWarnings() throws Exception {
    Result r =
        java(
            "-Ddev.ludovic.netlib.blas.nativeLib=libplayloop-absent-blas.so",
            "-Ddev.ludovic.netlib.lapack.nativeLib=libplayloop-absent-lapack.so");
    assertThat(r.stdout()).startsWith(NativeBlas.FALLBACK).contains("F2jLAPACK");
    assertThat(r.stdout().lines().count()).isEqualTo(1);
    assertThat(r.stderr()).doesNotContain("Failed to load implementation");
  }

  @Test
  void withTheDebianBlasAlternativesAJvmLoadsThemNatively() throws Exception {
    // libopenblas0 and liblapack3 register libblas.so.3 and liblapack.so.3 (CI installs them).
    Result r = java();
    assertThat(r.stdout()).startsWith("native BLAS and LAPACK loaded (JNIBLAS, JNILAPACK)");
    assertThat(r.stderr()).doesNotContain("Failed to load implementation");
  }

  private record Result(String stdout, String stderr) {}

  /** NativeBlas.main in a fresh JVM on this test's classpath, with {@code properties}. */
  private static Result java(String... properties) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(properties));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NativeBlas.class.getName());
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(stderr).isZero();
    return new Result(stdout, stderr);
  }
}
