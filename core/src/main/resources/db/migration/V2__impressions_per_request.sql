-- Impressions are stored one row per recommend request (and model version) instead of one row per
-- user, with the served playlists packed in bytes: a 100-user request was 100 tuples, 200 index
-- entries and 500 array elements for PostgreSQL to parse one by one; on the server's own two
-- cores that cost the server half its throughput. Readers keep the per-user shape of SPEC
-- section 4 through the view `impressions` (the same columns as before).

CREATE TABLE impression_requests (
    request_id    TEXT        NOT NULL,
    model_version TEXT,
    user_ids      INTEGER[]   NOT NULL,
    -- How many playlists each user was served: 2 bytes per user, big-endian, in user_ids order.
    counts        BYTEA       NOT NULL,
    -- The served playlists, user after user: 4 bytes per playlist id, big-endian.
    playlists     BYTEA       NOT NULL,
    served_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (length(counts) = 2 * cardinality(user_ids)),
    CHECK (length(playlists) % 4 = 0)
) WITH (toast_tuple_target = 8160); -- requests of up to ~300 users stay inline, uncompressed

-- Rows arrive in time order: a BRIN index costs almost nothing to keep and serves day ranges.
CREATE INDEX impression_requests_served_at ON impression_requests USING brin (served_at);

-- Playlist ids as bytes (4 each, big-endian), and back.
CREATE FUNCTION impression_pack(ids INTEGER[]) RETURNS BYTEA
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(string_agg(int4send(t.id), ''::bytea ORDER BY t.o), ''::bytea)
    FROM unnest(ids) WITH ORDINALITY AS t(id, o)
$$;

CREATE FUNCTION impression_unpack(packed BYTEA, first INTEGER, n INTEGER) RETURNS INTEGER[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg((get_byte(packed, 4 * k) << 24) | (get_byte(packed, 4 * k + 1) << 16)
                              | (get_byte(packed, 4 * k + 2) << 8) | get_byte(packed, 4 * k + 3)
                              ORDER BY k), '{}')
    FROM generate_series(first, first + n - 1) AS k
$$;

INSERT INTO impression_requests (request_id, model_version, user_ids, counts, playlists, served_at)
SELECT request_id, model_version, ARRAY[user_id], int2send(cardinality(playlists)::smallint),
       impression_pack(playlists), served_at
FROM impressions;

DROP TABLE impressions;

-- What /recommend served, one row per (request, user), as SPEC section 4 describes it.
CREATE VIEW impressions AS
SELECT r.request_id,
       u.user_id,
       r.model_version,
       impression_unpack(r.playlists, u.first, u.n) AS playlists,
       r.served_at
FROM impression_requests r
CROSS JOIN LATERAL (
    SELECT c.user_id, c.n, (sum(c.n) OVER (ORDER BY c.i) - c.n)::integer AS first
    FROM (SELECT x.user_id, x.i,
                 (get_byte(r.counts, 2 * (x.i::integer - 1)) << 8)
                 | get_byte(r.counts, 2 * (x.i::integer - 1) + 1) AS n
          FROM unnest(r.user_ids) WITH ORDINALITY AS x(user_id, i)) c
) u;

-- Writers of per-user rows (tools, notebooks, tests) still can: one request row each.
CREATE FUNCTION impressions_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impression_requests (request_id, model_version, user_ids, counts, playlists,
                                     served_at)
    VALUES (NEW.request_id, NEW.model_version, ARRAY[NEW.user_id],
            int2send(cardinality(NEW.playlists)::smallint), impression_pack(NEW.playlists),
            COALESCE(NEW.served_at, now()));
    RETURN NEW;
END;
$$;

CREATE TRIGGER impressions_insert INSTEAD OF INSERT ON impressions
    FOR EACH ROW EXECUTE FUNCTION impressions_insert();
