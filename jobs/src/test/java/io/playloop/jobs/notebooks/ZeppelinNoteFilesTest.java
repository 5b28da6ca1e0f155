package io.playloop.jobs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The notebook files as Zeppelin's notebook folder (VFSNotebookRepo / NotebookRepo, 0.9 and later)
 * and its JSON note loader (GsonNoteParser into Note and Paragraph) read them: a file name of
 * {@code <name>_<noteId>.zpln} whose id matches the note's, note and paragraph fields of the types
 * Gson maps them to, and a first paragraph that sets up each interpreter the note uses.
 */
class ZeppelinNoteFilesTest {
  // Zeppelin's IdHashes draws note ids from 1-9 and A-Z without I, L and O.
  private static final Pattern NOTE_ID = Pattern.compile("[1-9A-HJKMNP-Z]{9}");
  // Paragraph.generateId(): "paragraph_" + currentTimeMillis() + "_" + a random int.
  private static final Pattern PARAGRAPH_ID = Pattern.compile("paragraph_\\d{13}_-?\\d+");
  // org.apache.zeppelin.scheduler.Job.Status
  private static final Set<String> STATUSES =
      Set.of("READY", "PENDING", "RUNNING", "FINISHED", "ERROR", "ABORT");
  private static final Pattern PARAGRAPH_FORM = Pattern.compile("(?<!\\$)\\$\\{(\\w+)");
  private static final Pattern NOTE_FORM = Pattern.compile("\\$\\$\\{(\\w+)(=([^}]*))?}");

  private static JsonNode read(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void fileNamesAreNameUnderscoreNoteIdAsTheNotebookFolderParsesThem() throws IOException {
    Set<String> ids = new HashSet<>();
    for (Path file : NotebooksTest.notebooks()) {
      String fileName = file.getFileName().toString();
      // NotebookRepo.getNoteId and getNotePath: the id after the last '_', the path before it.
      int separator = fileName.lastIndexOf('_');
      assertThat(separator).as(fileName + " has no '_<noteId>'").isPositive();
      String noteId = fileName.substring(separator + 1, fileName.lastIndexOf('.'));
      String name = fileName.substring(0, separator);
      JsonNode note = read(file);

      assertThat(fileName).endsWith(".zpln");
      assertThat(noteId).matches(NOTE_ID);
      assertThat(note.get("id").asText()).as(fileName).isEqualTo(noteId);
      assertThat(ids.add(noteId)).as("note id " + noteId + " used twice").isTrue();
      // The folder gives the note's path; the name Zeppelin shows is the file's.
      assertThat(note.get("name").asText()).isEqualTo(name).doesNotContain("/");
    }
    assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void noteFieldsHaveTheTypesZeppelinsNoteClassDeclares() throws IOException {
    for (Path file : NotebooksTest.notebooks()) {
      JsonNode note = read(file);
      assertThat(note.get("paragraphs").isArray()).as(file.toString()).isTrue();
      assertThat(note.get("paragraphs")).isNotEmpty();
      assertThat(note.get("name").isTextual()).isTrue();
      assertThat(note.get("defaultInterpreterGroup").asText()).isIn("spark", "jdbc");
      for (String map : List.of("noteParams", "noteForms", "angularObjects", "config", "info")) {
        assertThat(note.get(map).isObject()).as(file + " " + map).isTrue();
      }
    }
  }

  @Test
  void paragraphsHaveTheFieldsZeppelinsParagraphClassDeclares() throws Exception {
    Set<String> paragraphIds = new HashSet<>();
    // Gson reads dates with NotebookImportDeserializer; this is the pattern Zeppelin writes.
    SimpleDateFormat zeppelinDate = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS");
    zeppelinDate.setLenient(false);
    for (Path file : NotebooksTest.notebooks()) {
      for (JsonNode p : NotebooksTest.paragraphs(file)) {
        String where = file.getFileName() + " " + p.path("title").asText();
        String id = p.get("id").asText();
        assertThat(id).as(where).matches(PARAGRAPH_ID);
        assertThat(paragraphIds.add(id)).as("paragraph id " + id + " used twice").isTrue();
        assertThat(p.get("jobName").asText()).isEqualTo(id);
        assertThat(p.get("text").isTextual()).as(where).isTrue();
        // Paragraph.parseText: the first word names the interpreter.
        assertThat(NotebooksTest.interpreter(p.get("text").asText()))
            .matches("%[a-z]+(\\.[a-z]+)?");
        assertThat(p.get("config").isObject()).as(where).isTrue();
        assertThat(p.get("settings").get("params").isObject()).as(where).isTrue();
        assertThat(p.get("settings").get("forms").isObject()).as(where).isTrue();
        assertThat(p.get("status").asText()).as(where).isIn(STATUSES);
        assertThat(p.get("apps").isArray()).isTrue();
        for (String date : List.of("dateCreated", "dateUpdated")) {
          parse(zeppelinDate, p.get(date).asText(), where);
        }
        assertThat(p.get("title").isTextual()).as(where).isTrue();
      }
    }
  }

  private static void parse(SimpleDateFormat format, String date, String where) {
    try {
      format.parse(date);
    } catch (ParseException e) {
      throw new AssertionError(where + ": date " + date + " is not yyyy-MM-dd HH:mm:ss.SSS", e);
    }
  }

  @Test
  void theFirstParagraphsSetUpEveryInterpreterBeforeItsFirstUse() throws IOException {
    Set<String> sparkSetups = new HashSet<>();
    for (Path file : NotebooksTest.notebooks()) {
      List<JsonNode> paragraphs = NotebooksTest.paragraphs(file);
      assertThat(NotebooksTest.interpreter(paragraphs.get(0).get("text").asText()))
          .as(file + ": the first paragraph sets up the interpreter")
          .endsWith(".conf");
      Set<String> setUp = new HashSet<>();
      for (JsonNode p : paragraphs) {
        String text = p.get("text").asText();
        String interpreter = NotebooksTest.interpreter(text).substring(1);
        String group = interpreter.split("\\.")[0];
        if (interpreter.endsWith(".conf")) {
          setUp.add(group);
          if (group.equals("spark")) {
            sparkSetups.add(NotebooksTest.body(text));
          }
        } else if (!group.equals("md")) {
          assertThat(setUp)
              .as(file + ": %" + group + ".conf before " + interpreter)
              .contains(group);
        }
      }
    }
    // One setup for every note: a user configures the interpreter once.
    assertThat(sparkSetups).hasSize(1);
  }

  @Test
  void formsAreTheNotesOneLakeFieldNotOnePerParagraph() throws IOException {
    for (Path file : NotebooksTest.notebooks()) {
      Map<String, Set<String>> defaults = new HashMap<>();
      List<String> sparkParagraphs = new ArrayList<>();
      for (JsonNode p : NotebooksTest.paragraphs(file)) {
        String text = p.get("text").asText();
        assertThat(PARAGRAPH_FORM.matcher(text).find())
            .as(file + ": a paragraph-level form in " + p.get("title"))
            .isFalse();
        Matcher m = NOTE_FORM.matcher(text);
        while (m.find()) {
          defaults.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(m.group(3));
        }
        if (text.startsWith("%spark.sql")) {
          sparkParagraphs.add(text);
        }
      }
      defaults.forEach(
          (form, values) -> assertThat(values).as(file + " form " + form + " defaults").hasSize(1));
      if (!sparkParagraphs.isEmpty()) {
        assertThat(defaults).containsKey("lake");
        assertThat(sparkParagraphs).allMatch(t -> t.contains("$${lake"));
      }
    }
  }

  @Test
  void dailySeriesOpenAsLineCharts() throws IOException {
    int charts = 0;
    for (Path file : NotebooksTest.notebooks()) {
      for (JsonNode p : NotebooksTest.paragraphs(file)) {
        String body = NotebooksTest.body(p.get("text").asText()).trim();
        boolean series = body.matches("(?s)SELECT (day|batch_date),.*ORDER BY (day|batch_date).*");
        JsonNode graph = p.at("/config/results/0/graph");
        if (series) {
          charts++;
          assertThat(graph.path("mode").asText())
              .as(file + ": " + p.get("title"))
              .isEqualTo("lineChart");
          assertThat(graph.at("/keys/0/index").asInt()).isZero();
        }
      }
    }
    assertThat(charts).isGreaterThanOrEqualTo(7);
  }
}
