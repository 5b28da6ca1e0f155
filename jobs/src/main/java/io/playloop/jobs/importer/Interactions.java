package io.playloop.jobs.importer;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link InteractionsReader} read: the usable rows (user_id int, item_id int, weight double,
 * event_time timestamp, null when the file has no time), the bad-row report and the layout used.
 * The parsed lines behind the rows are cached ({@code cached}); call {@link #release()} when done.
 */
public record Interactions(
    Dataset<Row> rows, BadRows badRows, InputLayout layout, Dataset<Row> cached) {

  public boolean hasTime() {
    return layout.hasTime();
  }

  /** Fails with the report when there are more bad rows than {@code limit} allows. */
  public Interactions requireWithin(BadRowLimit limit) {
    if (limit.exceeded(badRows.count(), badRows.dataLines())) {
      throw new TooManyBadRowsException(
          "too many bad rows (limit --max-bad-rows " + limit + "): " + badRows.describe());
    }
    return this;
  }

  /** Drops the cached parsed lines ({@code rows} is a new plan over them, not itself cached). */
  public void release() {
    cached.unpersist();
  }
}
