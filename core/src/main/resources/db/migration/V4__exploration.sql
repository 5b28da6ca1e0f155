-- Exploration: each model version's taste clusters (written by score, read by the server), and in
-- every impression which positions were explored and with what probability (the propensity).

-- The server reads exploration_clusters through the default privileges of playloop_serving.
-- One row per model version and taste cluster: the cluster's members (to tell which clusters a
-- user's precomputed list already covers) and its pool (its most popular members, what exploration
-- serves from).
CREATE TABLE exploration_clusters (
    model_version TEXT      NOT NULL,
    cluster       INTEGER   NOT NULL,
    pool          INTEGER[] NOT NULL,
    members       INTEGER[] NOT NULL,
    PRIMARY KEY (model_version, cluster)
);

-- Per user of a batch row, how many of its positions were explored (1 byte each); then, user after
-- user, each explored position (1 byte, 1-based) and its propensity. NULL: nobody in the row was
-- explored (exploration off costs nothing).
ALTER TABLE impression_batches
    ADD COLUMN explore_counts    BYTEA,
    ADD COLUMN explore_positions BYTEA,
    ADD COLUMN propensities      REAL[],
    ADD CHECK (explore_counts IS NULL OR length(explore_counts) = cardinality(user_ids)),
    ADD CHECK (explore_positions IS NULL
               OR length(explore_positions) = coalesce(cardinality(propensities), 0));

-- The per-user view gains explored_positions (1-based) and propensities, aligned ('{}' for none).
CREATE OR REPLACE VIEW impressions AS
SELECT u.request_id,
       u.user_id,
       b.model_version,
       impression_unpack(b.playlists, u.first, u.n) AS playlists,
       b.served_at,
       CASE WHEN u.en = 0 THEN '{}'::smallint[]
            ELSE (SELECT array_agg(get_byte(b.explore_positions, j)::smallint ORDER BY j)
                  FROM generate_series(u.efirst, u.efirst + u.en - 1) AS j)
       END AS explored_positions,
       CASE WHEN u.en = 0 THEN '{}'::real[]
            ELSE b.propensities[u.efirst + 1 : u.efirst + u.en]
       END AS propensities
FROM impression_batches b
CROSS JOIN LATERAL (
    SELECT v.*, (sum(v.en) OVER (ORDER BY v.k) - v.en)::integer AS efirst
    FROM (
        -- Users k = 0.. of the batch: their request, their count, where their playlists start.
        SELECT r.request_id,
               k,
               b.user_ids[k + 1] AS user_id,
               impression_int2(b.counts, k) AS n,
               (sum(impression_int2(b.counts, k)) OVER (ORDER BY k)
                - impression_int2(b.counts, k))::integer AS first,
               CASE WHEN b.explore_counts IS NULL THEN 0
                    ELSE get_byte(b.explore_counts, k) END AS en
        FROM (SELECT q.request_id, s.m, (sum(s.m) OVER (ORDER BY q.j) - s.m)::integer AS f
              FROM unnest(b.request_ids) WITH ORDINALITY AS q(request_id, j)
              CROSS JOIN LATERAL (SELECT impression_int2(b.request_sizes, q.j::integer - 1) AS m) s
             ) r
        CROSS JOIN LATERAL generate_series(r.f, r.f + r.m - 1) AS k
    ) v
) u;

-- Per-user writers (tools, notebooks, tests) may give explored_positions and propensities too.
CREATE OR REPLACE FUNCTION impressions_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    explored INTEGER := coalesce(cardinality(NEW.explored_positions), 0);
BEGIN
    IF explored <> coalesce(cardinality(NEW.propensities), 0) THEN
        RAISE EXCEPTION 'explored_positions and propensities must have the same length';
    END IF;
    INSERT INTO impression_batches (model_version, request_ids, request_sizes, user_ids, counts,
                                    playlists, served_at, explore_counts, explore_positions,
                                    propensities)
    VALUES (NEW.model_version, ARRAY[NEW.request_id], int2send(1::smallint), ARRAY[NEW.user_id],
            int2send(cardinality(NEW.playlists)::smallint), impression_pack(NEW.playlists),
            COALESCE(NEW.served_at, now()),
            CASE WHEN explored = 0 THEN NULL ELSE set_byte('\x00'::bytea, 0, explored) END,
            CASE WHEN explored = 0 THEN NULL
                 ELSE (SELECT string_agg(set_byte('\x00'::bytea, 0, p), ''::bytea ORDER BY o)
                       FROM unnest(NEW.explored_positions) WITH ORDINALITY AS t(p, o)) END,
            CASE WHEN explored = 0 THEN NULL ELSE NEW.propensities END);
    RETURN NEW;
END;
$$;
