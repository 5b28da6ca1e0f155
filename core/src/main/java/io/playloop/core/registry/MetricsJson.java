package io.playloop.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON layout of {@link OfflineMetrics}: field names here and nowhere else. */
final class MetricsJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final String VALIDATION = "validation";
  private static final String TEST = "test";
  private static final String CHOSEN_BY = "chosen_by";
  private static final String CHOSEN = "chosen";
  private static final String TRAIN_SECONDS = "train_seconds";
  private static final String TRAINING_WINDOW = "training_window";
  private static final String SEARCH = "search";
  private static final String TRIAL_PARAMS = "params";
  private static final String TRIAL_METRICS = "metrics";
  static final String GATE = "gate";
  private static final String GATE_METRIC = "metric";
  private static final String GATE_VALUE = "value";
  private static final String GATE_ACTIVE_VERSION = "active_version";
  private static final String GATE_ACTIVE_VALUE = "active_value";
  private static final String GATE_PASSED = "passed";
  private static final String GATE_VALIDATION = "validation";
  private static final String VALIDATION_DATA = "validation_data";
  private static final String SCOPE_SINCE = "since";
  private static final String SCOPE_FROM = "from";
  private static final String SCOPE_TO = "to";
  private static final String SCOPE_USERS = "users";
  private static final String SCOPE_FALLBACK = "fallback";

  private MetricsJson() {}

  static Map<String, Object> toMap(OfflineMetrics m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(VALIDATION, byName(m.validation()));
    out.put(TEST, byName(m.test()));
    if (m.chosenBy() != null) {
      out.put(CHOSEN_BY, m.chosenBy().key());
    }
    out.put(CHOSEN, m.chosen());
    out.put(TRAIN_SECONDS, m.trainSeconds());
    if (m.trainingWindow() != null) {
      out.put(TRAINING_WINDOW, m.trainingWindow());
    }
    if (m.validationData() != null) {
      out.put(VALIDATION_DATA, scopeMap(m.validationData()));
    }
    List<Object> trials = new ArrayList<>();
    for (SearchTrial t : m.search()) {
      Map<String, Object> trial = new LinkedHashMap<>();
      trial.put(TRIAL_PARAMS, t.params());
      trial.put(TRIAL_METRICS, byName(t.validation()));
      trials.add(trial);
    }
    out.put(SEARCH, trials);
    if (m.gate() != null) {
      out.put(GATE, gateMap(m.gate()));
    }
    return out;
  }

  /** Figures by name, in the enum's order. */
  private static Map<String, Double> byName(Map<OfflineMetric, Double> figures) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (OfflineMetric m : OfflineMetric.values()) {
      Double v = figures.get(m);
      if (v != null) {
        out.put(m.key(), v);
      }
    }
    return out;
  }

  static Map<String, Object> gateMap(GateRecord g) {
    Map<String, Object> gate = new LinkedHashMap<>();
    gate.put(GATE_METRIC, g.metric().key());
    gate.put(GATE_VALUE, g.value());
    gate.put(GATE_ACTIVE_VERSION, g.activeVersion());
    gate.put(GATE_ACTIVE_VALUE, g.activeValue());
    gate.put(GATE_PASSED, g.passed());
    if (g.validation() != null) {
      gate.put(GATE_VALIDATION, scopeMap(g.validation()));
    }
    return gate;
  }

  static Map<String, Object> scopeMap(ValidationScope v) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put(SCOPE_SINCE, v.since() == null ? null : v.since().toString());
    scope.put(SCOPE_FROM, v.from() == null ? null : v.from().toString());
    scope.put(SCOPE_TO, v.to() == null ? null : v.to().toString());
    scope.put(SCOPE_USERS, v.users());
    scope.put(SCOPE_FALLBACK, v.fallback());
    return scope;
  }

  private static ValidationScope scope(JsonNode v) {
    if (!v.isObject()) {
      return null;
    }
    return new ValidationScope(
        date(v.path(SCOPE_SINCE)),
        date(v.path(SCOPE_FROM)),
        date(v.path(SCOPE_TO)),
        Math.max(0, v.path(SCOPE_USERS).asLong(0)),
        v.path(SCOPE_FALLBACK).asBoolean(false));
  }

  private static java.time.LocalDate date(JsonNode d) {
    return d.isTextual() ? java.time.LocalDate.parse(d.asText()) : null;
  }

  static String write(OfflineMetrics m) {
    return json(toMap(m));
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-able: " + value, e);
    }
  }

  static OfflineMetrics read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bad JSON in the models table: " + json, e);
    }
    boolean legacy = !root.has(VALIDATION) && !root.has(TEST) && !root.has(SEARCH);
    Map<OfflineMetric, Double> validation = figures(legacy ? root : root.path(VALIDATION));
    List<SearchTrial> search = new ArrayList<>();
    for (JsonNode t : root.path(SEARCH)) {
      search.add(new SearchTrial(plain(t.path(TRIAL_PARAMS)), figures(t.path(TRIAL_METRICS))));
    }
    JsonNode chosenBy = root.path(CHOSEN_BY);
    return new OfflineMetrics(
        validation,
        figures(root.path(TEST)),
        chosenBy.isTextual() ? OfflineMetric.find(chosenBy.asText()) : null,
        root.path(CHOSEN).asBoolean(false),
        root.path(TRAIN_SECONDS).asDouble(0),
        root.path(TRAINING_WINDOW).isTextual() ? root.path(TRAINING_WINDOW).asText() : null,
        search,
        gate(root.path(GATE)),
        scope(root.path(VALIDATION_DATA)));
  }

  /** The known metrics among a JSON object's numeric fields (others are skipped, not failed). */
  private static Map<OfflineMetric, Double> figures(JsonNode node) {
    Map<OfflineMetric, Double> out = new EnumMap<>(OfflineMetric.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      OfflineMetric m = OfflineMetric.find(e.getKey());
      if (m != null && e.getValue().isNumber()) {
        out.put(m, e.getValue().asDouble());
      }
    }
    return out;
  }

  private static GateRecord gate(JsonNode g) {
    if (!g.isObject()) {
      return null;
    }
    OfflineMetric metric = OfflineMetric.find(g.path(GATE_METRIC).asText(""));
    JsonNode activeValue = g.path(GATE_ACTIVE_VALUE);
    JsonNode activeVersion = g.path(GATE_ACTIVE_VERSION);
    return new GateRecord(
        metric,
        g.path(GATE_VALUE).asDouble(Double.NaN),
        activeVersion.isTextual() ? activeVersion.asText() : null,
        activeValue.isNumber() ? activeValue.asDouble() : null,
        g.path(GATE_PASSED).asBoolean(false),
        scope(g.path(GATE_VALIDATION)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(JsonNode node) {
    if (!node.isObject()) {
      return Map.of();
    }
    return JSON.convertValue(node, LinkedHashMap.class);
  }
}
