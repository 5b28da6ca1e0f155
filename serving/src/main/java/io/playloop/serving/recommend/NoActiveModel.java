package io.playloop.serving.recommend;

/** No model version has been activated and loaded yet, so there is nothing to recommend from. */
public final class NoActiveModel extends RuntimeException {
  public NoActiveModel() {
    super("no model is active yet; train and activate one first", null, false, false);
  }
}
