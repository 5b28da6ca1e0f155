package io.playloop.jobs.generate;

import java.util.SplittableRandom;

/** Readable playlist names from the playlist's main cluster (its genre) and a seeded mood. */
final class PlaylistNames {
  private static final String[] GENRES = {
    "Indie",
    "Jazz",
    "Hip-Hop",
    "Techno",
    "Folk",
    "Soul",
    "Metal",
    "Ambient",
    "Reggae",
    "Blues",
    "Country",
    "Punk",
    "House",
    "Disco",
    "Funk",
    "Latin",
    "K-Pop",
    "Classical",
    "Lo-Fi",
    "Synthwave",
    "Grunge",
    "Bossa Nova",
    "Drum & Bass",
    "R&B",
    "Gospel",
    "Afrobeat",
    "Shoegaze",
    "Trap",
    "Ska",
    "Britpop",
    "Dub",
    "Opera",
    "Bluegrass",
    "Trance",
    "Emo",
    "Chillwave",
    "Garage",
    "Swing",
    "Flamenco",
    "Dream Pop"
  };
  private static final String[] MOODS = {
    "Late Night", "Sunday Morning", "Road Trip", "Workout", "Rainy Day", "Summer", "Focus",
    "Party", "Throwback", "Deep", "Chill", "Golden Hour", "Heartbreak", "Morning Coffee",
    "Midnight", "Weekend", "Study", "Sunset", "Winter", "Feel-Good"
  };
  private static final String[] FORMS = {
    "", " Mix", " Essentials", " Vibes", " Favourites", " Classics", " Jams", " Session"
  };

  private PlaylistNames() {}

  /** The genre name of a taste cluster (clusters beyond the list get a numeral: "Jazz 2"). */
  static String genre(int cluster) {
    String base = GENRES[cluster % GENRES.length];
    int round = cluster / GENRES.length;
    return round == 0 ? base : base + " " + (round + 1);
  }

  static String name(long seed, int playlistId, int mainCluster) {
    SplittableRandom r = Rng.of(seed, Rng.NAME, playlistId);
    return MOODS[r.nextInt(MOODS.length)]
        + " "
        + genre(mainCluster)
        + FORMS[r.nextInt(FORMS.length)];
  }
}
