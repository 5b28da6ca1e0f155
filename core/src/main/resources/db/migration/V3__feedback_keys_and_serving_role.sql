-- Feedback stored once per idempotency key, and a database role with only what the server needs.

-- The key the server derives from a feedback request (a digest of the user, the liked playlist and
-- the request_id, or of the client's Idempotency-Key header); NULL when the request has neither.
-- A retried request carries the same key and is not stored a second time (the server inserts with
-- ON CONFLICT DO NOTHING). NULLs are distinct: feedback without a key is never deduplicated.
ALTER TABLE feedback ADD COLUMN idempotency_key UUID;
CREATE UNIQUE INDEX feedback_idempotency_key ON feedback (idempotency_key);

-- The rights of the server's role playloop_serving, in this database: read what it serves from,
-- insert feedback and impressions, a temporary staging table per connection (the feedback writer
-- copies a batch there before inserting it), and nothing else: no UPDATE, DELETE, TRUNCATE or
-- DDL. A migration that adds a table the server writes replaces this function and calls it.
-- Tables created later by the migrating role are readable by default (ALTER DEFAULT PRIVILEGES).
CREATE FUNCTION playloop_grant_serving() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'playloop_serving') THEN
        RAISE NOTICE 'role playloop_serving does not exist: create it with conf/postgres/serving-role.sql';
        RETURN;
    END IF;
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO playloop_serving', current_database());
    GRANT USAGE ON SCHEMA public TO playloop_serving;
    GRANT SELECT ON feedback, impression_batches, impressions, models, recommendations,
                    popular_playlists, playlists, pipeline_runs, dashboard_training,
                    dashboard_feedback, dashboard_models, flyway_schema_history
        TO playloop_serving;
    GRANT INSERT ON feedback, impression_batches TO playloop_serving;
    GRANT USAGE ON SEQUENCE feedback_id_seq TO playloop_serving;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO playloop_serving;
END;
$$;
REVOKE EXECUTE ON FUNCTION playloop_grant_serving() FROM PUBLIC;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'playloop_serving') THEN
        BEGIN
            CREATE ROLE playloop_serving NOLOGIN;
        EXCEPTION
            -- Roles are shared by the databases of a cluster: another one's migration made it.
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'no CREATEROLE right: playloop_serving not created; see conf/postgres/serving-role.sql';
        END;
    END IF;
    -- PostgreSQL before 15 lets every role create tables in schema public; the server must not.
    BEGIN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'not the owner of schema public: CREATE was not revoked from PUBLIC';
    END;
END;
$$;

SELECT playloop_grant_serving();
