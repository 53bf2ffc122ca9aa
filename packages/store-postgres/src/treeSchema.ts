/** Advisory lock class id of the tree extender (beside schema.ts's migration and position locks). */
export const TREE_LOCK = 0x63660003;

/**
 * Migration 4: the RFC 9162 Merkle tree over the log.
 *
 * Leaf i is the event with the (i+1)-th smallest position. Positions are
 * reserved in transaction-id order but commit out of order, so a leaf can
 * only be added once no running transaction can still commit a lower
 * position: the readAll guard (transaction_id below the oldest running one)
 * decides, and the tree always covers a gap-free prefix of the final log.
 * `extend_tree` adds that prefix's new events: every append calls it in its
 * own transaction (adding what others committed before it; its own events
 * follow with the next append or tree question), and every tree question
 * calls it first, so the tree never lags a committed event that is asked for.
 * One extender runs at a time (a transaction-level advisory lock); an append
 * that finds it taken skips the step instead of waiting.
 *
 * tree_nodes holds every complete subtree (level, idx) = hash of leaves
 * [idx·2^level, (idx+1)·2^level); tree_leaves maps positions to leaf indices;
 * tree_head is the size and the last position covered.
 */
export function treeSchema(s: string, key: number): string {
  return `
CREATE TABLE "${s}".tree_nodes (
  level integer NOT NULL,
  idx   bigint  NOT NULL,
  hash  bytea   NOT NULL,
  PRIMARY KEY (level, idx)
);
CREATE TABLE "${s}".tree_leaves (
  position bigint PRIMARY KEY,
  leaf     bigint NOT NULL
);
CREATE TABLE "${s}".tree_head (
  one           boolean PRIMARY KEY DEFAULT true CHECK (one),
  size          bigint  NOT NULL,
  last_position bigint  NOT NULL
);
INSERT INTO "${s}".tree_head (size, last_position) VALUES (0, 0);

-- Adds up to p_limit safe events to the tree; returns the tree size. With
-- p_wait it waits for a running extender, otherwise it returns at once.
CREATE FUNCTION "${s}".extend_tree(p_limit integer, p_wait boolean)
RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  sz bigint;
  lastp bigint;
  r record;
  lvl integer;
  i bigint;
  h bytea;
  l bytea;
BEGIN
  IF p_wait THEN
    PERFORM pg_advisory_xact_lock(${TREE_LOCK}, ${key});
  ELSIF NOT pg_try_advisory_xact_lock(${TREE_LOCK}, ${key}) THEN
    RETURN NULL;
  END IF;
  SELECT th.size, th.last_position INTO sz, lastp FROM "${s}".tree_head th;
  FOR r IN
    SELECT b.position, b.hash FROM (
      SELECT e.position, e.hash, e.transaction_id FROM "${s}".events e
       WHERE e.position > lastp ORDER BY e.position LIMIT p_limit
    ) b
    WHERE b.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY b.position
  LOOP
    h := sha256(decode('00', 'hex') || decode(r.hash, 'hex'));
    INSERT INTO "${s}".tree_nodes (level, idx, hash) VALUES (0, sz, h);
    lvl := 0;
    i := sz;
    WHILE i % 2 = 1 LOOP
      SELECT n.hash INTO l FROM "${s}".tree_nodes n WHERE n.level = lvl AND n.idx = i - 1;
      h := sha256(decode('01', 'hex') || l || h);
      lvl := lvl + 1;
      i := (i - 1) / 2;
      INSERT INTO "${s}".tree_nodes (level, idx, hash) VALUES (lvl, i, h);
    END LOOP;
    INSERT INTO "${s}".tree_leaves (position, leaf) VALUES (r.position, sz);
    sz := sz + 1;
    lastp := r.position;
  END LOOP;
  UPDATE "${s}".tree_head SET size = sz, last_position = lastp;
  RETURN sz;
END
$fn$;
`;
}

/**
 * Migration 6: `extend_tree` without a node read or a statement per leaf.
 *
 * tree_head keeps the frontier (the hashes of the complete subtrees covering
 * [0, size), left to right, as `rangeNodes(0, size)` lists them), written in
 * the same UPDATE as the size, so an extension reads no node: it takes the
 * frontier with the head, computes every new leaf and node in memory, and
 * writes them with one statement (the nodes, the leaf numbers and the head,
 * each table from arrays). A NULL frontier (a schema migrated from 4) is
 * loaded once from tree_nodes. The guard is the same as migration 4's: only
 * events no running transaction can still precede are added, under the same
 * advisory lock, so the tree is the same, node for node.
 */
export function treeFrontierSchema(s: string, key: number): string {
  return `
ALTER TABLE "${s}".tree_head ADD COLUMN frontier bytea[];

CREATE OR REPLACE FUNCTION "${s}".extend_tree(p_limit integer, p_wait boolean)
RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  sz bigint;
  lastp bigint;
  fr bytea[];
  ps bigint[];
  hs text[];
  k integer;
  lvl integer;
  i bigint;
  h bytea;
  b integer;
  n_level integer[] := '{}';
  n_idx bigint[] := '{}';
  n_hash bytea[] := '{}';
  l_leaf bigint[] := '{}';
BEGIN
  IF p_wait THEN
    PERFORM pg_advisory_xact_lock(${TREE_LOCK}, ${key});
  ELSIF NOT pg_try_advisory_xact_lock(${TREE_LOCK}, ${key}) THEN
    RETURN NULL;
  END IF;
  -- The head, then the safe events after it as two arrays. (Two statements: joined to
  -- tree_head, which is never analyzed and so estimated at a thousand rows, the
  -- query's estimate crosses jit_above_cost and each call spends milliseconds in JIT.)
  SELECT th.size, th.last_position, th.frontier INTO sz, lastp, fr FROM "${s}".tree_head th;
  SELECT array_agg(bt.position ORDER BY bt.position), array_agg(bt.hash ORDER BY bt.position) INTO ps, hs FROM (
    SELECT e.position, e.hash, e.transaction_id FROM "${s}".events e
     WHERE e.position > lastp ORDER BY e.position LIMIT p_limit
  ) bt
  WHERE bt.transaction_id < pg_snapshot_xmin(pg_current_snapshot());
  IF ps IS NULL THEN
    RETURN sz;
  END IF;
  IF fr IS NULL THEN
    -- the frontier of the stored tree, from its nodes: bit b of the size is the node (b, (size >> b) - 1)
    fr := '{}';
    FOR b IN REVERSE 62..0 LOOP
      IF (sz >> b) & 1 = 1 THEN
        SELECT n.hash INTO h FROM "${s}".tree_nodes n WHERE n.level = b AND n.idx = (sz >> b) - 1;
        IF h IS NULL THEN
          RAISE EXCEPTION 'extend_tree: node %/% of a tree of % leaves is missing', b, (sz >> b) - 1, sz USING ERRCODE = 'XX001';
        END IF;
        fr := fr || h;
      END IF;
    END LOOP;
  END IF;
  FOR k IN 1..cardinality(ps) LOOP
    h := sha256(decode('00', 'hex') || decode(hs[k], 'hex'));
    n_level := n_level || 0;
    n_idx := n_idx || sz;
    n_hash := n_hash || h;
    lvl := 0;
    i := sz;
    WHILE i % 2 = 1 LOOP
      h := sha256(decode('01', 'hex') || fr[cardinality(fr)] || h);
      fr := fr[1:cardinality(fr) - 1];
      lvl := lvl + 1;
      i := (i - 1) / 2;
      n_level := n_level || lvl;
      n_idx := n_idx || i;
      n_hash := n_hash || h;
    END LOOP;
    fr := fr || h;
    l_leaf := l_leaf || sz;
    sz := sz + 1;
  END LOOP;
  lastp := ps[cardinality(ps)];
  WITH nodes AS (
    INSERT INTO "${s}".tree_nodes (level, idx, hash) SELECT * FROM unnest(n_level, n_idx, n_hash)
  ), leaves AS (
    INSERT INTO "${s}".tree_leaves (position, leaf) SELECT * FROM unnest(ps, l_leaf)
  )
  UPDATE "${s}".tree_head SET size = sz, last_position = lastp, frontier = fr;
  RETURN sz;
END
$fn$;
`;
}

/** The lowest level of the nodes migration 7 keeps: subtrees of 2^STORED_LEVEL leaves and up. */
export const STORED_LEVEL = 4;

/**
 * Migration 7: a tree that writes a row only once per 2^STORED_LEVEL leaves.
 *
 * - tree_nodes keeps only the complete subtrees at STORED_LEVEL and above
 *   (one row per 2^(STORED_LEVEL−1) leaves on average); a node below is
 *   computed from its at most 2^STORED_LEVEL events when a question needs it.
 * - tree_leaves (a row per event) gives way to tree_gaps: leaf i is the
 *   event at position i + delta, with the delta of the gap row of the largest
 *   leaf ≤ i (1 where there is none). A row is added only where positions
 *   skip one (an append rolled back after taking its positions).
 * - tree_head (size, last position, frontier) is written only by an
 *   extension that adds a stored node or a gap row. The tree is its size plus
 *   the tail: the committed events after its last position that no running
 *   transaction can still precede (the same guard as migration 4's), in
 *   position order — fewer than 2^STORED_LEVEL of them once extended, since
 *   an extension that completes a stored node writes the head.
 *
 * `extend_tree` reads the head and the tail; it hashes and writes only when
 * the tail completes a stored node or skips a position, and otherwise returns
 * the size (head and tail) without writing. The tree is the same, node for
 * node, as the one migrations 4–6 keep; their tree_leaves rows become gap
 * rows, and their nodes below STORED_LEVEL are dropped.
 */
export function treeBlocksSchema(s: string, key: number): string {
  return `
CREATE TABLE "${s}".tree_gaps (
  leaf  bigint PRIMARY KEY,
  delta bigint NOT NULL
);
INSERT INTO "${s}".tree_gaps (leaf, delta)
  SELECT g.leaf, g.delta FROM (
    SELECT l.leaf, l.position - l.leaf AS delta, lag(l.position - l.leaf, 1, 1::bigint) OVER (ORDER BY l.leaf) AS before
      FROM "${s}".tree_leaves l
  ) g
  WHERE g.delta <> g.before;

-- the frontier of a head migration 6 never wrote (a tree of migration 4 not extended since), from the nodes still there
DO $frontier$
DECLARE
  sz bigint;
  fr bytea[];
  h bytea;
BEGIN
  SELECT th.size, th.frontier INTO sz, fr FROM "${s}".tree_head th;
  IF fr IS NULL THEN
    fr := '{}';
    FOR b IN REVERSE 62..0 LOOP
      IF (sz >> b) & 1 = 1 THEN
        SELECT n.hash INTO h FROM "${s}".tree_nodes n WHERE n.level = b AND n.idx = (sz >> b) - 1;
        IF h IS NULL THEN
          RAISE EXCEPTION 'migration 7: node %/% of a tree of % leaves is missing', b, (sz >> b) - 1, sz USING ERRCODE = 'XX001';
        END IF;
        fr := fr || h;
      END IF;
    END LOOP;
    UPDATE "${s}".tree_head SET frontier = fr;
  END IF;
END
$frontier$;

DELETE FROM "${s}".tree_nodes WHERE level < ${STORED_LEVEL};
DROP TABLE "${s}".tree_leaves;

CREATE OR REPLACE FUNCTION "${s}".extend_tree(p_limit integer, p_wait boolean)
RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  sz bigint;
  lastp bigint;
  fr bytea[];
  ps bigint[];
  hs text[];
  ls bytea[];
  top integer;
  leaf_prefix constant bytea := decode('00', 'hex');
  node_prefix constant bytea := decode('01', 'hex');
  n integer;
  delta bigint;
  k integer;
  lvl integer;
  i bigint;
  h bytea;
  n_level integer[] := '{}';
  n_idx bigint[] := '{}';
  n_hash bytea[] := '{}';
  g_leaf bigint[] := '{}';
  g_delta bigint[] := '{}';
BEGIN
  IF p_wait THEN
    PERFORM pg_advisory_xact_lock(${TREE_LOCK}, ${key});
  ELSIF NOT pg_try_advisory_xact_lock(${TREE_LOCK}, ${key}) THEN
    RETURN NULL;
  END IF;
  -- The head, then the tail as two arrays (two statements, as in migration 6: no join to tree_head).
  SELECT th.size, th.last_position, th.frontier INTO sz, lastp, fr FROM "${s}".tree_head th;
  SELECT array_agg(bt.position ORDER BY bt.position), array_agg(bt.hash ORDER BY bt.position) INTO ps, hs FROM (
    SELECT e.position, e.hash, e.transaction_id FROM "${s}".events e
     WHERE e.position > lastp ORDER BY e.position LIMIT p_limit
  ) bt
  WHERE bt.transaction_id < pg_snapshot_xmin(pg_current_snapshot());
  IF ps IS NULL THEN
    RETURN sz;
  END IF;
  n := cardinality(ps);
  -- The position of leaf sz if no position is skipped: the head's last + 1 (1 for the first leaf).
  -- A tail that completes no stored node and skips no position stays in the events: nothing is written.
  IF (sz + n) >> ${STORED_LEVEL} = sz >> ${STORED_LEVEL} AND ps[n] = lastp + n THEN
    RETURN sz + n;
  END IF;
  -- the leaf hashes in one statement; the frontier as a stack (top: its last hash), changed in place
  SELECT array_agg(sha256(leaf_prefix || decode(u.x, 'hex')) ORDER BY u.o) INTO ls FROM unnest(hs) WITH ORDINALITY AS u(x, o);
  top := coalesce(cardinality(fr), 0);
  delta := CASE WHEN sz = 0 THEN 1 ELSE lastp - (sz - 1) END;
  FOR k IN 1..n LOOP
    IF ps[k] - sz <> delta THEN
      delta := ps[k] - sz;
      g_leaf := g_leaf || sz;
      g_delta := g_delta || delta;
    END IF;
    h := ls[k];
    lvl := 0;
    i := sz;
    WHILE i & 1 = 1 LOOP
      h := sha256(node_prefix || fr[top] || h);
      top := top - 1;
      lvl := lvl + 1;
      i := i >> 1;
      IF lvl >= ${STORED_LEVEL} THEN
        n_level := n_level || lvl;
        n_idx := n_idx || i;
        n_hash := n_hash || h;
      END IF;
    END LOOP;
    top := top + 1;
    fr[top] := h;
    sz := sz + 1;
  END LOOP;
  fr := CASE WHEN top = 0 THEN '{}' ELSE fr[1:top] END;
  lastp := ps[n];
  WITH nodes AS (
    INSERT INTO "${s}".tree_nodes (level, idx, hash) SELECT * FROM unnest(n_level, n_idx, n_hash)
  ), gaps AS (
    INSERT INTO "${s}".tree_gaps (leaf, delta) SELECT * FROM unnest(g_leaf, g_delta)
  )
  UPDATE "${s}".tree_head SET size = sz, last_position = lastp, frontier = fr;
  RETURN sz;
END
$fn$;
`;
}
