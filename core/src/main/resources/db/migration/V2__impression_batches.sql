-- Impressions are stored in batches: one row holds many requests (of one model version), the
-- served playlists packed in bytes. A row per user cost PostgreSQL a tuple, two index entries and
-- five array elements to parse for every user served; sharing the server's two cores, that took
-- half the server's throughput. Readers keep the per-user shape of SPEC section 4 through the view
-- `impressions` (the same columns as before).

CREATE TABLE impression_batches (
    model_version TEXT,
    -- The requests of this batch, and how many users each had: 2 bytes per request, big-endian.
    request_ids   TEXT[]      NOT NULL,
    request_sizes BYTEA       NOT NULL,
    -- The users, request after request, and how many playlists each was served (2 bytes each).
    user_ids      INTEGER[]   NOT NULL,
    counts        BYTEA       NOT NULL,
    -- The served playlists, user after user: 4 bytes per playlist id, big-endian.
    playlists     BYTEA       NOT NULL,
    served_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (length(request_sizes) = 2 * cardinality(request_ids)),
    CHECK (length(counts) = 2 * cardinality(user_ids)),
    CHECK (length(playlists) % 4 = 0)
) WITH (toast_tuple_target = 8160); -- the server fills rows up to ~8 KB: inline, uncompressed

-- Rows arrive in time order: a BRIN index costs almost nothing to keep and serves day ranges.
CREATE INDEX impression_batches_served_at ON impression_batches USING brin (served_at);

-- Playlist ids as bytes (4 each, big-endian), and back.
CREATE FUNCTION impression_pack(ids INTEGER[]) RETURNS BYTEA
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(string_agg(int4send(t.id), ''::bytea ORDER BY t.o), ''::bytea)
    FROM unnest(ids) WITH ORDINALITY AS t(id, o)
$$;

CREATE FUNCTION impression_int2(packed BYTEA, i INTEGER) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (get_byte(packed, 2 * i) << 8) | get_byte(packed, 2 * i + 1)
$$;

CREATE FUNCTION impression_unpack(packed BYTEA, first INTEGER, n INTEGER) RETURNS INTEGER[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg((get_byte(packed, 4 * k) << 24) | (get_byte(packed, 4 * k + 1) << 16)
                              | (get_byte(packed, 4 * k + 2) << 8) | get_byte(packed, 4 * k + 3)
                              ORDER BY k), '{}')
    FROM generate_series(first, first + n - 1) AS k
$$;

INSERT INTO impression_batches (model_version, request_ids, request_sizes, user_ids, counts,
                                playlists, served_at)
SELECT model_version, ARRAY[request_id], int2send(1::smallint), ARRAY[user_id],
       int2send(cardinality(playlists)::smallint), impression_pack(playlists), served_at
FROM impressions;

DROP TABLE impressions;

-- What /recommend served, one row per (request, user), as SPEC section 4 describes it.
CREATE VIEW impressions AS
SELECT u.request_id,
       u.user_id,
       b.model_version,
       impression_unpack(b.playlists, u.first, u.n) AS playlists,
       b.served_at
FROM impression_batches b
CROSS JOIN LATERAL (
    -- Users k = 0.. of the batch: their request, their count, where their playlists start.
    SELECT r.request_id,
           b.user_ids[k + 1] AS user_id,
           impression_int2(b.counts, k) AS n,
           (sum(impression_int2(b.counts, k)) OVER (ORDER BY k)
            - impression_int2(b.counts, k))::integer AS first
    FROM (SELECT q.request_id, s.m, (sum(s.m) OVER (ORDER BY q.j) - s.m)::integer AS f
          FROM unnest(b.request_ids) WITH ORDINALITY AS q(request_id, j)
          CROSS JOIN LATERAL (SELECT impression_int2(b.request_sizes, q.j::integer - 1) AS m) s
         ) r
    CROSS JOIN LATERAL generate_series(r.f, r.f + r.m - 1) AS k
) u;

-- Writers of per-user rows (tools, notebooks, tests) still can: one batch row each.
CREATE FUNCTION impressions_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO impression_batches (model_version, request_ids, request_sizes, user_ids, counts,
                                    playlists, served_at)
    VALUES (NEW.model_version, ARRAY[NEW.request_id], int2send(1::smallint), ARRAY[NEW.user_id],
            int2send(cardinality(NEW.playlists)::smallint), impression_pack(NEW.playlists),
            COALESCE(NEW.served_at, now()));
    RETURN NEW;
END;
$$;

CREATE TRIGGER impressions_insert INSTEAD OF INSERT ON impressions
    FOR EACH ROW EXECUTE FUNCTION impressions_insert();
