-- Playloop's PostgreSQL schema (SPEC section 4). Both the jobs and the server run the migrations at start.

-- What users liked among what they were shown. Append-only: rows are never updated or deleted.
CREATE TABLE feedback (
    id              BIGSERIAL PRIMARY KEY,
    user_id         INTEGER     NOT NULL CHECK (user_id > 0),
    like_playlist   INTEGER     NOT NULL CHECK (like_playlist > 0),
    other_playlists INTEGER[]   NOT NULL,
    request_id      TEXT,
    model_version   TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX feedback_created_at ON feedback (created_at);
CREATE INDEX feedback_user ON feedback (user_id);

-- What /recommend served, for the online score (reciprocal rank of the liked playlist).
CREATE TABLE impressions (
    request_id    TEXT        NOT NULL,
    user_id       INTEGER     NOT NULL,
    model_version TEXT,
    playlists     INTEGER[]   NOT NULL,
    served_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, user_id)
);
CREATE INDEX impressions_served_at ON impressions (served_at);

-- The model registry.
CREATE TABLE models (
    model_version   TEXT PRIMARY KEY,
    created_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    algorithm       TEXT             NOT NULL,
    params          JSONB            NOT NULL DEFAULT '{}'::jsonb,
    metrics         JSONB            NOT NULL DEFAULT '{}'::jsonb,
    status          TEXT             NOT NULL DEFAULT 'candidate'
                    CHECK (status IN ('candidate', 'active', 'retired')),
    traffic_share   DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (traffic_share >= 0 AND traffic_share <= 1),
    training_data   JSONB            NOT NULL DEFAULT '{}'::jsonb,
    activated_at    TIMESTAMPTZ
);
-- Exactly one active version, enforced by the database, also when two jobs race.
CREATE UNIQUE INDEX models_one_active ON models ((status)) WHERE status = 'active';

-- The serving table: precomputed top-N per user and model version.
CREATE TABLE recommendations (
    model_version TEXT      NOT NULL,
    user_id       INTEGER   NOT NULL,
    playlists     INTEGER[] NOT NULL,
    scores        REAL[]    NOT NULL,
    PRIMARY KEY (model_version, user_id)
);

-- The popularity fallback list of each model version.
CREATE TABLE popular_playlists (
    model_version TEXT    NOT NULL,
    rank          INTEGER NOT NULL,
    playlist_id   INTEGER NOT NULL,
    PRIMARY KEY (model_version, rank)
);

-- The catalog as the server needs it.
CREATE TABLE playlists (
    playlist_id   INTEGER PRIMARY KEY,
    owner_user_id INTEGER,          -- NULL for imported items that nobody owns
    name          TEXT    NOT NULL
);
CREATE INDEX playlists_owner ON playlists (owner_user_id);

-- One row per job run.
CREATE TABLE pipeline_runs (
    id          BIGSERIAL PRIMARY KEY,
    job         TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ,
    status      TEXT        NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'succeeded', 'failed')),
    rows_in     BIGINT,
    rows_out    BIGINT,
    error       TEXT,
    watermark   TEXT,
    details     JSONB       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX pipeline_runs_job ON pipeline_runs (job, started_at DESC);

-- Dashboard metrics: one row per metric per day (and per segment such as a reason or a model version).
CREATE TABLE dashboard_training (
    day     DATE             NOT NULL,
    metric  TEXT             NOT NULL,
    segment TEXT             NOT NULL DEFAULT '',
    value   DOUBLE PRECISION NOT NULL,
    computed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (day, metric, segment)
);

CREATE TABLE dashboard_feedback (
    day     DATE             NOT NULL,
    metric  TEXT             NOT NULL,
    segment TEXT             NOT NULL DEFAULT '',
    value   DOUBLE PRECISION NOT NULL,
    computed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (day, metric, segment)
);

CREATE TABLE dashboard_models (
    day           DATE             NOT NULL,
    model_version TEXT             NOT NULL,
    metric        TEXT             NOT NULL,
    value         DOUBLE PRECISION NOT NULL,
    computed_at   TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (day, model_version, metric)
);
