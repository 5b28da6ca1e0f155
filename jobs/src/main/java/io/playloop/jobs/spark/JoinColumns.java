package io.playloop.jobs.spark;

import java.util.Arrays;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Join column names as the Scala Seq that Dataset.join(other, usingColumns, joinType) wants. */
public final class JoinColumns {
  private JoinColumns() {}

  /** The Seq of {@code names}, for a join on columns the two sides share. */
  public static Seq<String> of(String... names) {
    return CollectionConverters.asScala(Arrays.asList(names)).toList();
  }
}
