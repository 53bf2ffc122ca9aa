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
