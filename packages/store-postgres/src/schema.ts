import type { Pool } from 'pg';
import { ValidationError } from '@certflow/core';
import { COMMAND_CONFLICT, guardClient } from './pgErrors.js';

export { COMMAND_CONFLICT };
import { treeBlocksSchema, treeFrontierSchema, treeSchema } from './treeSchema.js';

/** Schema names are used as SQL identifiers, so only plain lower-case names are accepted. */
export const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,47}$/;

export function checkSchemaName(schema: unknown): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME_PATTERN.test(schema)) {
    throw new ValidationError(
      [
        {
          path: ['schema'],
          code: 'invalid_schema_name',
          message: `expected a schema name matching ${SCHEMA_NAME_PATTERN.source}, received ${JSON.stringify(schema)}`,
          expected: SCHEMA_NAME_PATTERN.source,
          received: JSON.stringify(schema) ?? String(schema),
        },
      ],
      'postgresStore',
    );
  }
  return schema;
}

/** Advisory lock class ids (first key of the two-key form); the second key is the schema's hash. */
export const MIGRATION_LOCK = 0x63660001;
export const POSITION_LOCK = 0x63660002;
/** Transaction lock class of a commandId (second key: its hash xor the schema's). */
export const COMMAND_LOCK = 0x63660003;

/** A stable 32-bit signed hash of the schema name (FNV-1a), the second advisory lock key. */
export function schemaKey(schema: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < schema.length; i++) {
    h ^= schema.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export interface Migration {
  version: number;
  description: string;
  sql: (schema: string) => string;
}

/**
 * The schema, as an ordered list of migrations. A migration is applied once,
 * in its own transaction, and recorded in `<schema>.migrations`; never edit
 * one that has shipped, add the next instead.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'events, position sequence, reservation function, subscriptions',
    sql: (s) => {
      const key = schemaKey(s);
      return `
CREATE SEQUENCE "${s}".event_position AS bigint;

CREATE TABLE "${s}".events (
  position       bigint  PRIMARY KEY DEFAULT nextval('"${s}".event_position'),
  stream_id      text    NOT NULL,
  version        integer NOT NULL CHECK (version >= 1),
  type           text    NOT NULL,
  data           json    NOT NULL,
  meta           json    NOT NULL,
  prev_hash      text,
  hash           text    NOT NULL,
  transaction_id xid8    NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);
ALTER SEQUENCE "${s}".event_position OWNED BY "${s}".events.position;

CREATE TABLE "${s}".subscriptions (
  name       text        PRIMARY KEY,
  position   bigint      NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Reads the stream head and, if the expected version matches, reserves
-- positions. The transaction id is assigned and the positions are taken under
-- one short advisory lock, so a transaction with a higher id always holds
-- higher positions; readers rely on that (see docs/store-postgres.md).
-- The lock is a session lock released at the end of this function, so it is
-- held for microseconds, not until commit.
CREATE FUNCTION "${s}".begin_append(p_stream text, p_count integer, p_expected integer)
RETURNS TABLE (head_version integer, head_hash text, first_position bigint)
LANGUAGE plpgsql AS $fn$
BEGIN
  SELECT e.version, e.hash INTO head_version, head_hash
    FROM "${s}".events e WHERE e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
  head_version := coalesce(head_version, 0);
  IF p_expected IS NOT NULL AND p_expected <> head_version THEN
    RETURN NEXT;
    RETURN;
  END IF;
  PERFORM pg_advisory_lock(${POSITION_LOCK}, ${key});
  PERFORM pg_current_xact_id();
  first_position := nextval('"${s}".event_position');
  IF p_count > 1 THEN
    PERFORM setval('"${s}".event_position', first_position + p_count - 1);
  END IF;
  PERFORM pg_advisory_unlock(${POSITION_LOCK}, ${key});
  RETURN NEXT;
END
$fn$;

-- The same for an import of already-positioned events: under the lock, the
-- transaction id is assigned and, if every imported position lies above the
-- sequence, the sequence moves past them. Returns the sequence's last value
-- before the call; the caller rolls back when it is not below p_min.
CREATE FUNCTION "${s}".begin_import(p_min bigint, p_max bigint)
RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  last bigint;
BEGIN
  PERFORM pg_advisory_lock(${POSITION_LOCK}, ${key});
  PERFORM pg_current_xact_id();
  SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO last FROM "${s}".event_position;
  IF last < p_min THEN
    PERFORM setval('"${s}".event_position', p_max);
  END IF;
  PERFORM pg_advisory_unlock(${POSITION_LOCK}, ${key});
  RETURN last;
END
$fn$;
`;
    },
  },
  {
    version: 2,
    description: 'append_events: a whole append (head, expected version, positions, hashes, rows) in one call',
    sql: (s) => {
      const key = schemaKey(s);
      return `
-- The whole append in one statement, so it takes one round trip and, called
-- in autocommit, commits as the statement's own transaction. The client sends
-- the RFC 8785 (canonical) JSON text of each event's data and meta and the
-- JSON-encoded stream id and types; the function reads the head, checks the
-- expected version (NULL = any), reserves positions as begin_append does (the
-- transaction id and the positions under one short advisory lock), and hashes
-- each event exactly as core's sealEvents composes the canonical envelope:
--   {"data":…,"meta":…,"position":…,"prevHash":"…"|null,"streamId":"…","type":"…","version":…}
-- SHA-256 over its UTF-8 bytes, lower-case hex. On a version mismatch it
-- returns the head with first_position NULL and writes nothing; two writers
-- that read the same head collide on the unique key (23505).
CREATE FUNCTION "${s}".append_events(
  p_stream text, p_stream_json text, p_expected integer,
  p_types text[], p_type_jsons text[], p_datas text[], p_metas text[])
RETURNS TABLE (head_version integer, head_hash text, first_position bigint, hashes text[])
LANGUAGE plpgsql AS $fn$
DECLARE
  n integer := cardinality(p_types);
  prev text;
  h text;
BEGIN
  SELECT e.version, e.hash INTO head_version, head_hash
    FROM "${s}".events e WHERE e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
  head_version := coalesce(head_version, 0);
  IF p_expected IS NOT NULL AND p_expected <> head_version THEN
    RETURN NEXT;
    RETURN;
  END IF;
  PERFORM pg_advisory_lock(${POSITION_LOCK}, ${key});
  PERFORM pg_current_xact_id();
  first_position := nextval('"${s}".event_position');
  IF n > 1 THEN
    PERFORM setval('"${s}".event_position', first_position + n - 1);
  END IF;
  PERFORM pg_advisory_unlock(${POSITION_LOCK}, ${key});
  hashes := array_fill(NULL::text, ARRAY[n]);
  prev := head_hash;
  FOR i IN 1..n LOOP
    h := encode(sha256(convert_to(
      '{"data":' || p_datas[i] || ',"meta":' || p_metas[i] || ',"position":' || (first_position + i - 1)
      || ',"prevHash":' || CASE WHEN prev IS NULL THEN 'null' ELSE '"' || prev || '"' END
      || ',"streamId":' || p_stream_json || ',"type":' || p_type_jsons[i] || ',"version":' || (head_version + i) || '}',
      'UTF8')), 'hex');
    hashes[i] := h;
    prev := h;
  END LOOP;
  INSERT INTO "${s}".events (position, stream_id, version, type, data, meta, prev_hash, hash)
    SELECT first_position + u.i - 1, p_stream, head_version + u.i::integer, u.t, u.d::json, u.m::json,
           CASE WHEN u.i = 1 THEN head_hash ELSE hashes[u.i::integer - 1] END, u.h
      FROM unnest(p_types, p_datas, p_metas, hashes) WITH ORDINALITY AS u(t, d, m, h, i);
  RETURN NEXT;
END
$fn$;
`;
    },
  },
  {
    version: 3,
    description: 'append_batch: append_events with the canonical forms sent as newline-joined texts',
    sql: (s) => {
      const key = schemaKey(s);
      return `
-- append_events (migration 2) with the canonical forms of types, data and
-- meta each sent as ONE text, the forms joined by newlines, instead of text
-- arrays: RFC 8785 text never holds a raw control character (JSON escapes
-- every one inside strings and canonical form has no whitespace between
-- tokens), so a newline cannot occur inside a form, the client sends the
-- forms without array-literal escaping, and string_to_array splits them
-- without parsing JSON. Each data and meta text is parsed once, by the cast
-- into its json column, as a plain INSERT would. The hashes come back as one
-- text, 64 hex digits per event. append_events stays, so processes of an
-- older release keep working against a migrated schema.
CREATE FUNCTION "${s}".append_batch(
  p_stream text, p_stream_json text, p_expected integer,
  p_types text[], p_type_jsons text, p_datas text, p_metas text)
RETURNS TABLE (head_version integer, head_hash text, first_position bigint, hashes text)
LANGUAGE plpgsql AS $fn$
DECLARE
  n integer := cardinality(p_types);
  type_jsons text[] := string_to_array(p_type_jsons, E'\\n');
  datas text[] := string_to_array(p_datas, E'\\n');
  metas text[] := string_to_array(p_metas, E'\\n');
  hs text[];
  prev text;
  h text;
BEGIN
  IF n IS NULL OR n < 1 OR cardinality(type_jsons) IS DISTINCT FROM n
     OR cardinality(datas) IS DISTINCT FROM n OR cardinality(metas) IS DISTINCT FROM n THEN
    RAISE EXCEPTION 'append_batch: % types, % type forms, % data, % meta',
      n, cardinality(type_jsons), cardinality(datas), cardinality(metas) USING ERRCODE = '22023';
  END IF;
  SELECT e.version, e.hash INTO head_version, head_hash
    FROM "${s}".events e WHERE e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
  head_version := coalesce(head_version, 0);
  IF p_expected IS NOT NULL AND p_expected <> head_version THEN
    RETURN NEXT;
    RETURN;
  END IF;
  PERFORM pg_advisory_lock(${POSITION_LOCK}, ${key});
  PERFORM pg_current_xact_id();
  first_position := nextval('"${s}".event_position');
  IF n > 1 THEN
    PERFORM setval('"${s}".event_position', first_position + n - 1);
  END IF;
  PERFORM pg_advisory_unlock(${POSITION_LOCK}, ${key});
  hs := array_fill(NULL::text, ARRAY[n]);
  prev := head_hash;
  FOR i IN 1..n LOOP
    h := encode(sha256(convert_to(
      '{"data":' || datas[i] || ',"meta":' || metas[i] || ',"position":' || (first_position + i - 1)
      || ',"prevHash":' || CASE WHEN prev IS NULL THEN 'null' ELSE '"' || prev || '"' END
      || ',"streamId":' || p_stream_json || ',"type":' || type_jsons[i] || ',"version":' || (head_version + i) || '}',
      'UTF8')), 'hex');
    hs[i] := h;
    prev := h;
  END LOOP;
  IF n = 1 THEN
    -- the common single event: a plain VALUES row (no set-returning function)
    INSERT INTO "${s}".events (position, stream_id, version, type, data, meta, prev_hash, hash)
      VALUES (first_position, p_stream, head_version + 1, p_types[1], datas[1]::json, metas[1]::json, head_hash, hs[1]);
  ELSE
    INSERT INTO "${s}".events (position, stream_id, version, type, data, meta, prev_hash, hash)
      SELECT first_position + u.i - 1, p_stream, head_version + u.i::integer, u.t, u.d::json, u.m::json,
             CASE WHEN u.i = 1 THEN head_hash ELSE hs[u.i::integer - 1] END, u.h
        FROM unnest(p_types, datas, metas, hs) WITH ORDINALITY AS u(t, d, m, h, i);
  END IF;
  hashes := array_to_string(hs, '');
  RETURN NEXT;
END
$fn$;
`;
    },
  },
  {
    version: 4,
    description: 'the Merkle tree over the log: tree_nodes, tree_leaves, tree_head, extend_tree (see treeSchema.ts)',
    sql: (s) => treeSchema(s, schemaKey(s)),
  },
  {
    version: 5,
    description:
      'commandIds: an index on meta->>commandId, and append_batch refuses a commandId recorded with another fingerprint',
    sql: (s) => {
      const key = schemaKey(s);
      return `
-- A commandId reused for a different command, on any stream, is refused at
-- the append (SQLSTATE ${COMMAND_CONFLICT}, nothing written): append_batch as
-- in migration 3, plus the check. The index is over the meta column, so the
-- rows of a log written before it stay exactly as they were (their hashes and
-- verification are untouched) and are covered as soon as it is built.
-- PostgreSQL's json operators cannot read a meta text holding the escape
-- \\u0000 (anywhere in it), so such an event claims no commandId (command_id
-- is NULL) rather than fail its insert.
CREATE FUNCTION "${s}".command_id(meta json) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $cid$
  SELECT CASE WHEN strpos(meta::text, chr(92) || 'u0000') = 0 THEN meta->>'commandId' END
$cid$;
CREATE INDEX events_command_id ON "${s}".events ("${s}".command_id(meta));

CREATE OR REPLACE FUNCTION "${s}".append_batch(
  p_stream text, p_stream_json text, p_expected integer,
  p_types text[], p_type_jsons text, p_datas text, p_metas text)
RETURNS TABLE (head_version integer, head_hash text, first_position bigint, hashes text)
LANGUAGE plpgsql AS $fn$
DECLARE
  n integer := cardinality(p_types);
  type_jsons text[] := string_to_array(p_type_jsons, E'\\n');
  datas text[] := string_to_array(p_datas, E'\\n');
  metas text[] := string_to_array(p_metas, E'\\n');
  hs text[];
  prev text;
  h text;
  claim record;
  rec_fp text;
  rec_stream text;
  rec_pos bigint;
BEGIN
  IF n IS NULL OR n < 1 OR cardinality(type_jsons) IS DISTINCT FROM n
     OR cardinality(datas) IS DISTINCT FROM n OR cardinality(metas) IS DISTINCT FROM n THEN
    RAISE EXCEPTION 'append_batch: % types, % type forms, % data, % meta',
      n, cardinality(type_jsons), cardinality(datas), cardinality(metas) USING ERRCODE = '22023';
  END IF;
  SELECT e.version, e.hash INTO head_version, head_hash
    FROM "${s}".events e WHERE e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
  head_version := coalesce(head_version, 0);
  IF p_expected IS NOT NULL AND p_expected <> head_version THEN
    RETURN NEXT;
    RETURN;
  END IF;
  -- Each commandId the batch records with a fingerprint, under a transaction
  -- lock per commandId (taken in id order): another transaction recording the
  -- same id commits first, and this statement then sees its rows.
  IF strpos(p_metas, '"commandFingerprint":') > 0 THEN
    FOR claim IN
      SELECT DISTINCT c.id, c.m::json->>'commandFingerprint' AS fp
        FROM (SELECT "${s}".command_id(m::json) AS id, m FROM unnest(metas) AS m) c
       WHERE c.id IS NOT NULL AND c.m::json->>'commandFingerprint' IS NOT NULL ORDER BY 1, 2
    LOOP
      PERFORM pg_advisory_xact_lock(${COMMAND_LOCK}, hashtext(claim.id) # ${key});
      -- OFFSET 0 keeps the lookup on the commandId index: flattened, ORDER BY
      -- position LIMIT 1 would walk the primary key until a match, the whole
      -- table for an id never seen.
      SELECT c.fp, c.stream_id, c.position INTO rec_fp, rec_stream, rec_pos
        FROM (SELECT e.meta->>'commandFingerprint' AS fp, e.stream_id, e.position FROM "${s}".events e
               WHERE "${s}".command_id(e.meta) = claim.id AND e.meta->>'commandFingerprint' IS NOT NULL OFFSET 0) c
       ORDER BY c.position LIMIT 1;
      IF rec_fp IS NOT NULL AND rec_fp <> claim.fp THEN
        RAISE EXCEPTION 'commandId % is recorded with another fingerprint', claim.id USING
          ERRCODE = '${COMMAND_CONFLICT}',
          DETAIL = json_build_object('commandId', claim.id, 'recorded', rec_fp, 'streamId', rec_stream, 'position', rec_pos, 'attempted', claim.fp, 'attemptedStream', p_stream)::text;
      END IF;
    END LOOP;
  END IF;
  PERFORM pg_advisory_lock(${POSITION_LOCK}, ${key});
  PERFORM pg_current_xact_id();
  first_position := nextval('"${s}".event_position');
  IF n > 1 THEN
    PERFORM setval('"${s}".event_position', first_position + n - 1);
  END IF;
  PERFORM pg_advisory_unlock(${POSITION_LOCK}, ${key});
  hs := array_fill(NULL::text, ARRAY[n]);
  prev := head_hash;
  FOR i IN 1..n LOOP
    h := encode(sha256(convert_to(
      '{"data":' || datas[i] || ',"meta":' || metas[i] || ',"position":' || (first_position + i - 1)
      || ',"prevHash":' || CASE WHEN prev IS NULL THEN 'null' ELSE '"' || prev || '"' END
      || ',"streamId":' || p_stream_json || ',"type":' || type_jsons[i] || ',"version":' || (head_version + i) || '}',
      'UTF8')), 'hex');
    hs[i] := h;
    prev := h;
  END LOOP;
  IF n = 1 THEN
    -- the common single event: a plain VALUES row (no set-returning function)
    INSERT INTO "${s}".events (position, stream_id, version, type, data, meta, prev_hash, hash)
      VALUES (first_position, p_stream, head_version + 1, p_types[1], datas[1]::json, metas[1]::json, head_hash, hs[1]);
  ELSE
    INSERT INTO "${s}".events (position, stream_id, version, type, data, meta, prev_hash, hash)
      SELECT first_position + u.i - 1, p_stream, head_version + u.i::integer, u.t, u.d::json, u.m::json,
             CASE WHEN u.i = 1 THEN head_hash ELSE hs[u.i::integer - 1] END, u.h
        FROM unnest(p_types, datas, metas, hs) WITH ORDINALITY AS u(t, d, m, h, i);
  END IF;
  hashes := array_to_string(hs, '');
  RETURN NEXT;
END
$fn$;
`;
    },
  },
  {
    version: 6,
    description:
      'extend_tree from the frontier kept in tree_head, writing its nodes, leaves and head in one statement (see treeSchema.ts)',
    sql: (s) => treeFrontierSchema(s, schemaKey(s)),
  },
  {
    version: 7,
    description:
      'the tree stores nodes from level 4 up and gap rows instead of leaf rows, and extend_tree writes only when one of them completes (see treeSchema.ts)',
    sql: (s) => treeBlocksSchema(s, schemaKey(s)),
  },
  {
    // The personal-data vault, in its own schema <schema>_personal: a role granted SELECT on
    // every table of <schema> (the auditor) reads the events and never the vault, which is
    // granted separately (docs/store-postgres.md, Privileges). The events never reference it.
    version: 8,
    description:
      'personal-data vault: <schema>_personal.vault (values, salts, lookup keys of format-2 tokens) and <schema>_personal.secret',
    sql: (s) => `
CREATE SCHEMA IF NOT EXISTS "${s}_personal";
CREATE TABLE IF NOT EXISTS "${s}_personal".vault (
  commitment text PRIMARY KEY CHECK (commitment ~ '^[0-9a-f]{64}$'),
  subject    text NOT NULL CHECK (subject ~ '^[0-9a-f]{32}$'),
  kind       text NOT NULL CHECK (kind IN ('id-number', 'name')),
  value      text NOT NULL,
  salt       text NOT NULL,
  lookup     text UNIQUE
);
CREATE INDEX IF NOT EXISTS vault_subject ON "${s}_personal".vault (subject, kind);
CREATE TABLE IF NOT EXISTS "${s}_personal".secret (
  one    integer PRIMARY KEY CHECK (one = 1),
  secret bytea   NOT NULL CHECK (length(secret) >= 32)
);
`,
  },
  {
    // One row per subject instead of one per value: a roster of 30 new people is 30 rows in
    // two indexes (subject, lookup key) where it was 60 rows in three. `entries` maps each
    // commitment to [kind, value, lookup key], with a fourth element, the salt, only where a
    // moved row's salt is not its subject's salt of that kind (never written otherwise).
    // refuse_clash() is how one statement refuses rows another writer made first (23505).
    // As migration 8, it finds in place a `<schema>_personal` left by an earlier schema of
    // the same name (dropped without it): its subjects stay, as its secret does.
    version: 9,
    description:
      'personal-data vault: one row per subject, <schema>_personal.subjects (lookup key, a salt per kind, entries by commitment); the rows of <schema>_personal.vault move there',
    sql: (s) => `
CREATE TABLE IF NOT EXISTS "${s}_personal".subjects (
  subject   text PRIMARY KEY CHECK (subject ~ '^[0-9a-f]{32}$'),
  lookup    text UNIQUE,
  id_salt   text,
  name_salt text,
  entries   jsonb NOT NULL
);
INSERT INTO "${s}_personal".subjects (subject, lookup, id_salt, name_salt, entries)
SELECT subject,
       (array_agg(lookup ORDER BY commitment) FILTER (WHERE lookup IS NOT NULL))[1],
       min(kind_salt) FILTER (WHERE kind = 'id-number'),
       min(kind_salt) FILTER (WHERE kind = 'name'),
       jsonb_object_agg(commitment, jsonb_build_array(kind, value::jsonb, lookup)
         || CASE WHEN salt = kind_salt THEN '[]'::jsonb ELSE jsonb_build_array(salt) END)
  FROM (SELECT v.*, min(salt) OVER (PARTITION BY subject, kind) AS kind_salt FROM "${s}_personal".vault v) v
 GROUP BY subject
ON CONFLICT (subject) DO NOTHING;
DROP TABLE "${s}_personal".vault;
CREATE OR REPLACE FUNCTION "${s}_personal".refuse_clash() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE unique_violation USING MESSAGE = 'a personal-data subject was written meanwhile with another salt or lookup key';
END
$fn$;
`,
  },
];

/**
 * Creates the schema and applies missing migrations. Safe when several
 * processes start at once: everything happens under a session advisory lock
 * keyed by the schema name, and each migration checks whether it is recorded.
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  const client = guardClient(await pool.connect());
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [MIGRATION_LOCK, schemaKey(schema)]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".migrations (
        version     integer     PRIMARY KEY,
        description text        NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
      const done = new Set(
        (await client.query<{ version: number }>(`SELECT version FROM "${schema}".migrations`)).rows.map(
          (r) => r.version,
        ),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql(schema));
          await client.query(`INSERT INTO "${schema}".migrations (version, description) VALUES ($1, $2)`, [
            m.version,
            m.description,
          ]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [MIGRATION_LOCK, schemaKey(schema)]);
    }
  } catch (e) {
    broken = true;
    throw e;
  } finally {
    // A connection that failed mid-migration may still hold the lock: drop it.
    client.release(broken);
  }
}
