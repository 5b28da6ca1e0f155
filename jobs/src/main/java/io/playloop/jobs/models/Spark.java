package io.playloop.jobs.models;

import java.util.Arrays;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Small helpers for calling Spark's Scala API from Java. */
final class Spark {
  private Spark() {}

  /** Column names as the Scala Seq that Dataset.join(other, usingColumns, type) wants. */
  static Seq<String> columns(String... names) {
    return CollectionConverters.asScala(Arrays.asList(names)).toList();
  }
}
