package io.playloop.serving.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.serving.Eventually;
import io.playloop.serving.Fixtures;
import io.playloop.serving.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards in conf/grafana ask only for metrics that a running server exports (its
 * /metrics scraped here), in PromQL that Prometheus's own parser accepts, with Grafana's
 * $__rate_interval for every range, one unit per panel, and provisioning files that find them.
 */
class GrafanaDashboardsTest {
  private static final Path GRAFANA = Path.of("..", "conf", "grafana");
  private static final ObjectMapper JSON = new ObjectMapper();
  // PromQL words that are not metric names: aggregations, functions, modifiers, keywords.
  private static final Set<String> NOT_METRICS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "count",
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "quantile",
          "count_values",
          "group",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "inf",
          "nan",
          "time",
          "rate",
          "irate",
          "increase",
          "delta",
          "idelta",
          "deriv",
          "histogram_quantile",
          "clamp_min",
          "clamp_max",
          "abs",
          "absent",
          "vector",
          "scalar",
          "label_replace",
          "sum_over_time",
          "avg_over_time",
          "max_over_time",
          "min_over_time",
          "timestamp");
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  static Set<String> exported;

  /**
   * A server that has answered each kind of request (a 503 before any model, then 200s with an
   * active and a candidate version, a feedback) and whose loop gauges have rows to read.
   */
  @BeforeAll
  static void scrapeARunningServer() throws Exception {
    try (TestServer server =
        TestServer.start(
            c -> {
              try (var st = c.createStatement()) {
                st.execute(
                    "INSERT INTO pipeline_runs (job, status, finished_at) VALUES"
                        + " ('extract', 'succeeded', now()), ('train', 'failed', now())");
              }
            })) {
      assertThat(server.postJson("/api/playlist/recommend/", "{\"user_ids\":[1]}").status())
          .isEqualTo(503);
      server.sql(
          c -> {
            Fixtures.model(c, "v1", "active", 0);
            Fixtures.popular(c, "v1", 1, 2, 3, 4, 5);
            Fixtures.model(c, "v2", "candidate", 0.2);
            Fixtures.popular(c, "v2", 5, 4, 3, 2, 1);
            try (var st = c.createStatement()) {
              st.execute("UPDATE models SET metrics = '{\"mrr\": 0.31}'");
              st.execute(
                  "INSERT INTO dashboard_models (day, metric, model_version, value)"
                      + " VALUES (current_date, 'online_score', 'v1', 0.27)");
              st.execute(
                  "INSERT INTO dashboard_feedback (day, metric, segment, value)"
                      + " VALUES (current_date, 'online_score_by_slot', 'explore', 0.05)");
            }
          });
      Eventually.within(
          Duration.ofSeconds(20), "a model loaded", () -> server.get("/ready").status() == 200);
      assertThat(server.postJson("/api/playlist/recommend/", "{\"user_ids\":[1,2,3]}").status())
          .isEqualTo(200);
      assertThat(
              server
                  .postJson(
                      "/feedback",
                      "{\"user_id\":1,\"like_playlist\":2,\"other_playlists\":[3,4,5]}")
                  .status())
          .isEqualTo(200);
      exported = metricNames(server.get("/metrics").body());
    }
    assertThat(exported)
        .contains(
            "playloop_http_requests_total",
            "playloop_unavailable_total",
            "playloop_pipeline_last_run_failed",
            "playloop_online_score",
            "playloop_model_offline_mrr");
  }

  /**
   * Every series name in the Prometheus text format: sample lines, and the TYPE lines of metrics
   * with no sample yet (a labelled counter before its first increment), with a histogram's _bucket,
   * _sum and _count.
   */
  static Set<String> metricNames(String scrape) {
    Set<String> names = new HashSet<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        names.add(parts[2]);
        // The text format types a counter by its name without _total; its samples carry it.
        if (parts[3].equals("counter") && !parts[2].endsWith("_total")) {
          names.add(parts[2] + "_total");
        }
        if (parts[3].equals("histogram") || parts[3].equals("summary")) {
          names.add(parts[2] + "_bucket");
          names.add(parts[2] + "_sum");
          names.add(parts[2] + "_count");
        }
      } else if (!line.isBlank() && !line.startsWith("#")) {
        Matcher m = IDENTIFIER.matcher(line);
        if (m.lookingAt()) {
          names.add(m.group());
        }
      }
    }
    return names;
  }

  /** The metric names in a PromQL expression: identifiers outside braces, not called. */
  static Set<String> metricsIn(String expr) {
    String bare =
        expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^\\]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> metrics = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group();
      boolean called = bare.substring(m.end()).stripLeading().startsWith("(");
      boolean inNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
      if (!called && !inNumber && !NOT_METRICS.contains(word)) {
        metrics.add(word);
      }
    }
    return metrics;
  }

  private static List<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(GRAFANA)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static List<JsonNode> panels(Path dashboard) throws IOException {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode p : JSON.readTree(dashboard.toFile()).get("panels")) {
      panels.add(p);
      // Rows can hold panels of their own.
      p.path("panels").forEach(panels::add);
    }
    return panels;
  }

  private static List<String> expressions(Path dashboard) throws IOException {
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      panel.path("targets").forEach(t -> exprs.add(t.get("expr").asText()));
    }
    return exprs;
  }

  @Test
  void theMetricNameParserFindsNamesAndSkipsTheRest() {
    assertThat(
            metricsIn(
                "histogram_quantile(0.99, sum by (le, route) (rate(a_seconds_bucket{route=~\"x\"}"
                    + "[$__rate_interval]))) / clamp_min(sum(rate(b_total[5m])), 1e-9) + time()"))
        .containsExactly("a_seconds_bucket", "b_total");
    assertThat(metricNames("# TYPE h histogram\n# TYPE c counter\ng{a=\"1\"} 2.0\n"))
        .contains("h_bucket", "h_count", "c_total", "g");
  }

  @Test
  void everyQueryAsksForMetricsTheServerExports() throws IOException {
    Set<String> asked = new HashSet<>();
    for (Path dashboard : dashboards()) {
      for (String expr : expressions(dashboard)) {
        Set<String> metrics = metricsIn(expr);
        assertThat(metrics).as(expr).isNotEmpty();
        assertThat(exported).as(dashboard.getFileName() + ": " + expr).containsAll(metrics);
        asked.addAll(metrics);
      }
    }
    // The pipeline and loop gauges are on a dashboard, not only the serving ones.
    assertThat(asked)
        .contains(
            "playloop_pipeline_last_run_failed",
            "playloop_pipeline_last_success_timestamp_seconds",
            "playloop_online_score",
            "playloop_model_offline_mrr",
            "playloop_model_active",
            "playloop_model_candidate_traffic_share");
  }

  @Test
  void pipelinePanelsGroupByThePipelineJobLabel() throws IOException {
    int byPipelineJob = 0;
    for (Path dashboard : dashboards()) {
      for (String expr : expressions(dashboard)) {
        if (expr.contains("playloop_pipeline_")) {
          // Prometheus keeps "job" for the scrape job; the gauges name theirs pipeline_job.
          assertThat(expr).doesNotContainPattern("\\bjob\\b");
          byPipelineJob += expr.contains("by (pipeline_job)") ? 1 : 0;
        }
      }
    }
    assertThat(byPipelineJob).isGreaterThanOrEqualTo(3);
  }

  @Test
  void everyRangeIsGrafanasRateInterval() throws IOException {
    int ranges = 0;
    for (Path dashboard : dashboards()) {
      for (String expr : expressions(dashboard)) {
        Matcher m = RANGE.matcher(expr);
        while (m.find()) {
          ranges++;
          assertThat(m.group(1)).as(expr).isEqualTo("$__rate_interval");
        }
      }
    }
    assertThat(ranges).isGreaterThanOrEqualTo(10);
  }

  @Test
  void everyQueryParsesWithPrometheusOwnParser(@TempDir Path dir) throws Exception {
    // promtool checks recording rules with Prometheus's PromQL parser; each query becomes one.
    StringBuilder rules = new StringBuilder("groups:\n  - name: grafana\n    rules:\n");
    int n = 0;
    for (Path dashboard : dashboards()) {
      for (String expr : expressions(dashboard)) {
        String promql = expr.replace("$__rate_interval", "1m");
        rules.append("      - record: grafana:query_").append(n++).append('\n');
        rules.append("        expr: '").append(promql.replace("'", "''")).append("'\n");
      }
    }
    Path file = Files.writeString(dir.resolve("grafana-queries.yml"), rules.toString());
    Process p =
        new ProcessBuilder("promtool", "check", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS: " + n + " rules found");
  }

  @Test
  void eachPanelHasOneUnitAndUsesTheChosenDatasource() throws IOException {
    for (Path dashboard : dashboards()) {
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : panels(dashboard)) {
        String where = dashboard.getFileName() + ": " + panel.get("title").asText();
        assertThat(ids.add(panel.get("id").asInt())).as(where + " id").isTrue();
        assertThat(panel.at("/fieldConfig/defaults/unit").asText()).as(where).isNotBlank();
        // An override with its own unit would put a second unit on the panel's one axis.
        for (JsonNode override : panel.at("/fieldConfig/overrides")) {
          for (JsonNode property : override.path("properties")) {
            assertThat(property.get("id").asText()).as(where).isNotEqualTo("unit");
          }
        }
        assertThat(panel.at("/datasource/uid").asText()).as(where).isEqualTo("${datasource}");
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.at("/datasource/uid").asText()).as(where).isEqualTo("${datasource}");
        }
      }
    }
  }

  @Test
  void provisioningFindsTheDashboardsAndTheDatasource() throws IOException {
    String datasource = Files.readString(GRAFANA.resolve("provisioning/datasources/playloop.yml"));
    String dashboards = Files.readString(GRAFANA.resolve("provisioning/dashboards/playloop.yml"));
    String prometheus = Files.readString(Path.of("..", "conf", "prometheus.yml"));

    assertThat(datasource).contains("type: prometheus", "uid: playloop-prometheus");
    // $__rate_interval needs the scrape interval: the one conf/prometheus.yml gives the server.
    Matcher scrape =
        Pattern.compile("job_name: playloop-serving[\\s\\S]*?scrape_interval: (\\w+)")
            .matcher(prometheus);
    assertThat(scrape.find()).isTrue();
    assertThat(datasource).contains("timeInterval: " + scrape.group(1));
    assertThat(dashboards).contains("type: file", "path: ${PLAYLOOP_HOME}/conf/grafana");
    for (Path dashboard : dashboards()) {
      JsonNode json = JSON.readTree(dashboard.toFile());
      assertThat(json.get("uid").asText()).isNotBlank();
      assertThat(json.at("/templating/list/0/current/value").asText())
          .isEqualTo("playloop-prometheus");
    }
  }
}
