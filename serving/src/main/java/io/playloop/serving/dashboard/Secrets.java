package io.playloop.serving.dashboard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in text shown on a page (a job's error message): passwords and
 * keys given as {@code name=value} or {@code name: value}, the password of a {@code
 * scheme://user:password@host} URL, bearer tokens and Playloop tokens.
 */
public final class Secrets {
  static final String MASK = "***";

  private static final Pattern NAMED =
      Pattern.compile(
          "(?i)\\b([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|access[-_.]?key|"
              + "secret[-_.]?key|credentials?)[A-Za-z0-9_.-]*)(\\s*[=:]\\s*)"
              + "(\"[^\"]*\"|'[^']*'|[^\\s&;,'\")]+)");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s/:@]+:)([^\\s/@]+)(@)");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
  private static final Pattern TOKEN = Pattern.compile("plt_[A-Za-z0-9_-]+");

  private Secrets() {}

  /** {@code text} with every secret it seems to contain replaced by {@value #MASK}; null stays. */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String t = URL_PASSWORD.matcher(text).replaceAll("$1" + MASK + "$3");
    t = BEARER.matcher(t).replaceAll("$1" + MASK);
    t = TOKEN.matcher(t).replaceAll("plt_" + MASK);
    Matcher m = NAMED.matcher(t);
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
  }
}
