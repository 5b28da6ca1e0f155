package io.playloop.serving.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.HeadlessChromium;
import io.playloop.serving.TestServer;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The dashboard page in headless Chromium shows exactly the figures of the dashboard tables. */
class DashboardBrowserTest {
  static TestServer server;

  @BeforeAll
  static void knownRows() {
    server =
        TestServer.start(
            c -> {
              try (Statement st = c.createStatement()) {
                st.execute(
                    "INSERT INTO dashboard_training (day, metric, segment, value) VALUES"
                        + " ('2026-03-10', 'distinct_users', '', 1234),"
                        + " ('2026-03-10', 'user_blocks', '', 5678),"
                        + " ('2026-03-10', 'avg_blocks_per_user', '', 4.601),"
                        + " ('2026-03-10', 'invalid_blocks', '', 12),"
                        + " ('2026-03-10', 'invalid_blocks', 'duplicate_pair', 7),"
                        + " ('2026-03-10', 'invalid_blocks', 'empty_negatives', 1),"
                        + " ('2026-03-10', 'invalid_blocks', 'duplicate_negatives', 3),"
                        + " ('2026-03-10', 'invalid_blocks', 'positive_in_negatives', 1),"
                        + " ('2026-03-01', 'user_blocks_in_batch', 'bootstrap', 5000),"
                        + " ('2026-03-08', 'user_blocks_in_batch', 'feedback', 678)");
                for (int d = 1; d <= 10; d++) {
                  String day = String.format("'2026-03-%02d'", d);
                  st.execute(
                      "INSERT INTO dashboard_feedback (day, metric, segment, value) VALUES"
                          + " ("
                          + day
                          + ", 'feedback_volume', '', "
                          + (100 * d)
                          + "),"
                          + " ("
                          + day
                          + ", 'daily_users', '', "
                          + (10 * d)
                          + "),"
                          + " ("
                          + day
                          + ", 'weekly_users', '', "
                          + (30 * d)
                          + "),"
                          + " ("
                          + day
                          + ", 'cumulative_feedback', '', "
                          + (50 * d * (d + 1))
                          + "),"
                          + " ("
                          + day
                          + ", 'distinct_users', '', "
                          + (12 * d)
                          + "),"
                          + " ("
                          + day
                          + ", 'feedback_score', '', "
                          + (0.3 + d / 100.0)
                          + "),"
                          + " ("
                          + day
                          + ", 'invalid_blocks', '', "
                          + d
                          + "),"
                          + " ("
                          + day
                          + ", 'power_user_share', 'top1', 0.05),"
                          + " ("
                          + day
                          + ", 'power_user_share', 'top10', 0.25)");
                  st.execute(
                      "INSERT INTO dashboard_models (day, model_version, metric, value) VALUES"
                          + " ("
                          + day
                          + ", 'v1', 'online_score', 0.3),"
                          + " ("
                          + day
                          + ", 'v2', 'online_score', "
                          + (0.3 + d / 50.0)
                          + ")");
                }
                st.execute(
                    "INSERT INTO dashboard_feedback (day, metric, segment, value) VALUES"
                        + " ('2026-03-10', 'new_feedback_since_training', '', 640),"
                        + " ('2026-03-10', 'retrain_threshold', '', 5000),"
                        + " ('2026-03-10', 'online_score_by_slot', 'exploit', 0.35),"
                        + " ('2026-03-10', 'online_score_by_slot', 'explore', 0.05)");
                st.execute(
                    "INSERT INTO pipeline_runs (job, started_at, finished_at, status, rows_in,"
                        + " rows_out, error) VALUES"
                        + " ('extract', '2026-03-10 02:00+00', '2026-03-10 02:01+00', 'succeeded',"
                        + " 900, 450, NULL),"
                        + " ('train', '2026-03-10 03:00+00', '2026-03-10 03:02+00', 'failed',"
                        + " NULL, NULL, 'no validation batches')");
              }
            },
            Map.of(),
            List.of());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theFiguresShownAreTheRowsOfTheDashboardTables(@TempDir Path profile) throws Exception {
    ChromeDriver driver = HeadlessChromium.start(profile, 1280, 2400);
    try {
      driver.get(server.url("/dashboard?from=2026-03-01&to=2026-03-10"));
      WebElement training = driver.findElement(By.id("training"));
      assertThat(tile(training, "distinct_users")).isEqualTo("1,234");
      assertThat(tile(training, "user_blocks")).isEqualTo("5,678");
      assertThat(tile(training, "avg_blocks_per_user")).isEqualTo("4.601");
      assertThat(tile(training, "invalid_blocks")).isEqualTo("12");
      assertThat(tile(training, "invalid_blocks:duplicate_pair")).isEqualTo("7");
      assertThat(tile(training, "invalid_blocks:duplicate_negatives")).isEqualTo("3");

      WebElement feedback = driver.findElement(By.id("feedback"));
      assertThat(feedback.findElement(By.cssSelector(".asof")).getText()).contains("2026-03-10");
      assertThat(tile(feedback, "feedback_volume")).isEqualTo("1,000");
      assertThat(tile(feedback, "daily_users")).isEqualTo("100");
      assertThat(tile(feedback, "weekly_users")).isEqualTo("300");
      assertThat(tile(feedback, "cumulative_feedback")).isEqualTo("5,500");
      assertThat(tile(feedback, "power_user_share:top10")).isEqualTo("25.0%");
      assertThat(tile(feedback, "feedback_score")).isEqualTo("0.400");
      assertThat(tile(feedback, "online_score_by_slot:exploit")).isEqualTo("0.350");
      assertThat(tile(feedback, "online_score_by_slot:explore")).isEqualTo("0.050");
      assertThat(tile(feedback, "new_feedback_since_training")).isEqualTo("640 / 5,000");

      // Real charts: one line per series, one point per day with its exact value.
      List<WebElement> charts = feedback.findElements(By.cssSelector("figure.chart svg"));
      assertThat(charts).hasSize(DashboardQueries.FEEDBACK_CHARTS.size());
      WebElement volume = charts.get(0);
      assertThat(volume.findElements(By.tagName("path"))).hasSize(1);
      assertThat(volume.findElements(By.tagName("circle"))).hasSize(10);
      WebElement models = driver.findElement(By.cssSelector("#models svg"));
      assertThat(models.findElements(By.tagName("path"))).hasSize(2);
      assertThat(models.getText()).contains("v1").contains("v2");

      WebElement failed = driver.findElement(By.cssSelector("#runs tr.failed"));
      assertThat(failed.getText()).contains("train").contains("no validation batches");
      assertThat(driver.findElements(By.cssSelector("#runs tr.run"))).hasSize(2);

      HeadlessChromium.screenshot(driver, Path.of("target", "dashboard-screenshot.png"));
    } finally {
      driver.quit();
    }
  }

  @Test
  void aNarrowRangeShowsOnlyItsDays(@TempDir Path profile) throws Exception {
    ChromeDriver driver = HeadlessChromium.start(profile, 390, 844);
    try {
      driver.get(server.url("/dashboard?from=2026-03-02&to=2026-03-04"));
      WebElement feedback = driver.findElement(By.id("feedback"));
      assertThat(tile(feedback, "feedback_volume")).isEqualTo("400");
      WebElement volume = feedback.findElements(By.cssSelector("figure.chart svg")).get(0);
      assertThat(volume.findElements(By.tagName("circle"))).hasSize(3);
      assertThat(driver.findElements(By.cssSelector("#runs tr.run"))).isEmpty();
    } finally {
      driver.quit();
    }
  }

  @Test
  void aSingleDayChartHasOneDateLabel(@TempDir Path profile) throws Exception {
    ChromeDriver driver = HeadlessChromium.start(profile, 1280, 1600);
    try {
      driver.get(server.url("/dashboard?from=2026-03-05&to=2026-03-05"));
      WebElement volume =
          driver
              .findElement(By.id("feedback"))
              .findElements(By.cssSelector("figure.chart svg"))
              .get(0);
      assertThat(volume.findElements(By.cssSelector("text.xlabel")))
          .singleElement()
          .extracting(WebElement::getText)
          .isEqualTo("2026-03-05");
      assertThat(volume.findElements(By.tagName("circle"))).hasSize(1);
    } finally {
      driver.quit();
    }
  }

  private static String tile(WebElement section, String metric) {
    return section
        .findElement(By.cssSelector(".tile[data-metric='" + metric + "'] .value"))
        .getText();
  }
}
