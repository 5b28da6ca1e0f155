-- The server's own database login, with only the rights of the group role playloop_serving: read
-- what it serves from, insert feedback and impressions, a temporary staging table; no DDL, no
-- UPDATE, DELETE or TRUNCATE. The migrations create playloop_serving and grant its rights when
-- the migrating role may create roles; this script does what they could not, then makes the login.
-- Run it as a superuser (or a role with CREATEROLE that owns the database) after the jobs have
-- migrated the database, with the password in the environment, never on a command line:
--
--   read -rs PLAYLOOP_DB_PASSWORD && export PLAYLOOP_DB_PASSWORD
--   psql -h HOST -U postgres -d playloop -v server_user=playloop_server \
--        -f conf/postgres/serving-role.sql
--
-- Then start the server with PLAYLOOP_DB_USER=playloop_server and the same PLAYLOOP_DB_PASSWORD:
-- with a password set it does not migrate at start (playloop.serving.migrate = auto).
\set ON_ERROR_STOP on
\getenv server_password PLAYLOOP_DB_PASSWORD
\if :{?server_user}
\else
  \set server_user playloop_server
\endif
\if :{?server_password}
\else
  \echo 'Set PLAYLOOP_DB_PASSWORD to the password the server will log in with.'
  \quit
\endif

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'playloop_serving') AS no_group \gset
\if :no_group
CREATE ROLE playloop_serving NOLOGIN;
\endif
-- The rights in this database (defined by the migrations, so that they stay in one place).
SELECT playloop_grant_serving();

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'server_user') AS no_login \gset
\if :no_login
CREATE ROLE :"server_user" LOGIN PASSWORD :'server_password' IN ROLE playloop_serving;
\else
ALTER ROLE :"server_user" LOGIN PASSWORD :'server_password';
GRANT playloop_serving TO :"server_user";
\endif
