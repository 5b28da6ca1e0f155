package io.playloop.serving.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.serving.Fixtures;
import io.playloop.serving.HeadlessChromium;
import io.playloop.serving.TestCredentials;
import io.playloop.serving.TestServer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium uses the hosted page by keyboard; the like lands in the feedback table. The
 * server has credentials and a public page: the visitor needs no secret, and the like goes through
 * because its signed request_id proves what was served.
 */
class PageBrowserTest {
  @Test
  void aPersonSeesFivePlaylistsAndLikesOneByKeyboard(@TempDir Path profile) throws Exception {
    Map<String, Object> publicPage = new java.util.HashMap<>();
    publicPage.put("serving.auth.public-page", true);
    publicPage.put("serving.feedback.require-served", true);
    try (TestCredentials credentials = TestCredentials.create("ops=admin,read");
        TestServer server =
            TestServer.start(
                c -> {
                  Fixtures.model(c, "v1", "active", 0);
                  Fixtures.recommendations(c, "v1", Map.of(42, new int[] {11, 12, 13, 14, 15, 16}));
                  Fixtures.popular(c, "v1", 11, 12, 13, 14, 15);
                  String[] names = {
                    "Morning Run", "Rainy Jazz", "Focus Beats", "Road Trip", "Late Night", "Sixth"
                  };
                  for (int i = 0; i < names.length; i++) {
                    Fixtures.playlist(c, 11 + i, i == 2 ? null : 100 + i, names[i]);
                  }
                },
                TestCredentials.with(credentials.settings(), publicPage),
                List.of())) {
      ChromeDriver driver = HeadlessChromium.start(profile, 390, 844); // a phone
      try {
        driver.get(server.url("/"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        WebElement input = driver.findElement(By.id("user-id"));
        input.sendKeys("42", Keys.ENTER);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#playlists li"), 5));
        List<String> names =
            driver.findElements(By.cssSelector("#playlists li .name")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(names)
            .containsExactly("Morning Run", "Rainy Jazz", "Focus Beats", "Road Trip", "Late Night");
        List<String> owners =
            driver.findElements(By.cssSelector("#playlists li .owner")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(owners.get(0)).isEqualTo("by user 100");
        assertThat(owners.get(2)).isEqualTo("imported playlist");
        // Readable on a phone: nothing wider than the screen.
        Object overflow =
            ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
        assertThat(overflow).isEqualTo(false);
        // The page has no field for a secret.
        assertThat(driver.findElements(By.cssSelector("input[type=password]"))).isEmpty();

        // Keyboard only: focus is on the first Like; Tab to the second, Enter to like it.
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getAttribute("aria-label")).isEqualTo("Like Morning Run");
        focused.sendKeys(Keys.TAB);
        WebElement second = driver.switchTo().activeElement();
        assertThat(second.getAttribute("aria-label")).isEqualTo("Like Rainy Jazz");
        second.sendKeys(Keys.ENTER);
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("status"), "You liked Rainy Jazz"));

        HeadlessChromium.screenshot(driver, Path.of("target", "page-screenshot.png"));
      } finally {
        driver.quit();
      }
      server.sql(
          c -> {
            try (Statement st = c.createStatement();
                ResultSet rs =
                    st.executeQuery(
                        "SELECT user_id, like_playlist, other_playlists::text, model_version,"
                            + " request_id FROM feedback")) {
              assertThat(rs.next()).isTrue();
              assertThat(rs.getInt(1)).isEqualTo(42);
              assertThat(rs.getInt(2)).isEqualTo(12);
              assertThat(rs.getString(3)).isEqualTo("{11,13,14,15}");
              assertThat(rs.getString(4)).isEqualTo("v1");
              assertThat(rs.getString(5)).matches("[a-z0-9]+-[a-z0-9]+\\.[A-Za-z0-9_-]{11}");
              assertThat(rs.next()).isFalse();
            }
          });
    }
  }
}
