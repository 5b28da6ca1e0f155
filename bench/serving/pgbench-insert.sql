INSERT INTO feedback (user_id, like_playlist, other_playlists) VALUES (1, 2, '{3,4,5,6}');
