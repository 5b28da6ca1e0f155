package io.playloop.experiments.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class DriftReportTest {
  private static final List<WeekScore> SCORES =
      List.of(
          new WeekScore("window", 1, "w-1", 100, 80, 40),
          new WeekScore("window", 2, "w-2", 100, 50, 20),
          new WeekScore("no-window", 1, "n-1", 100, 90, 60),
          new WeekScore("no-window", 2, "n-2", 0, 0, 0));

  @Test
  void theOnlineScoreCountsUsersWhoLikedNothingAsZero() {
    WeekScore w = SCORES.get(0);
    assertThat(w.meanReciprocalRankOfLike()).isEqualTo(0.5);
    assertThat(w.onlineScore()).isEqualTo(0.4);
    assertThat(w.likeRate()).isEqualTo(0.8);
    assertThat(SCORES.get(3).onlineScore()).isZero();
    assertThat(w.plus(100, 20, 10).onlineScore()).isEqualTo(0.25);
  }

  @Test
  void csvHasOneRowPerArmAndWeek() {
    List<String> lines = DriftReport.csv(SCORES).lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1)).isEqualTo("window,1,w-1,100,80,0.8000,0.5000,0.4000");
  }

  @Test
  void theChartIsWellFormedSvgWithOneLinePerArmAndTheDriftShaded() throws Exception {
    String svg = DriftChart.svg(SCORES, 2, 2, "drift <test>");
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    var lines = doc.getElementsByTagName("polyline");
    assertThat(lines.getLength()).isEqualTo(2);
    assertThat(((Element) lines.item(0)).getAttribute("data-arm")).isEqualTo("window");
    assertThat(((Element) lines.item(0)).getAttribute("points").split(" ")).hasSize(2);
    // The higher score is drawn higher (smaller y).
    String[] points = ((Element) lines.item(1)).getAttribute("points").split(" ");
    assertThat(Double.parseDouble(points[0].split(",")[1]))
        .isLessThan(Double.parseDouble(points[1].split(",")[1]));
    assertThat(svg).contains("class=\"drift\"", "drift &lt;test&gt;");
  }

  @Test
  void jsonCarriesTheSetupTheDriftWeekAndEveryArmsWeeksInOrder() throws Exception {
    String json = DriftReport.json(Map.of("arm_window", "14-day window"), SCORES, 2);
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertThat(root.path("drift_week").asInt()).isEqualTo(2);
    assertThat(root.path("setup").path("arm_window").asText()).isEqualTo("14-day window");
    var arms = root.path("arms");
    assertThat(arms).hasSize(2);
    assertThat(arms.get(0).path("name").asText()).isEqualTo("window");
    var week1 = arms.get(0).path("weeks").get(0);
    assertThat(week1.path("week").asInt()).isEqualTo(1);
    assertThat(week1.path("online_score").asDouble()).isEqualTo(0.4);
    assertThat(week1.path("like_rate").asDouble()).isEqualTo(0.8);
    assertThat(week1.path("model_version").asText()).isEqualTo("w-1");
    assertThat(arms.get(1).path("weeks").get(1).path("week").asInt()).isEqualTo(2);
  }
}
