import pg from 'pg';
import type { Pool, PoolClient, PoolConfig, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { guardClient } from './pgErrors.js';

/**
 * libpq's multi-host connection strings, which node-postgres does not read:
 * `postgres://user@host1:5432,host2:5432/db?target_session_attrs=read-write`.
 * Hosts are tried in the order given; with `read-write` (or `primary`) a host
 * in recovery (a standby) is passed over, so after a standby is promoted the
 * store finds it. `any` takes the first host that answers.
 */
export interface HostList {
  hosts: { host: string; port: number }[];
  targetSessionAttrs: 'read-write' | 'any';
  /** The connection string for one host, without `target_session_attrs`. */
  urlFor(index: number): string;
}

/** Parses a multi-host URL; undefined for a connection string naming at most one host. */
export function parseHostList(connectionString: string): HostList | undefined {
  const m = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?#]*)(.*)$/.exec(connectionString);
  if (!m || !m[3]!.includes(',')) return undefined;
  const hosts = m[3]!.split(',').map((h) => {
    const at = h.lastIndexOf(':');
    const bracketed = h.startsWith('[');
    const host = at > 0 && (!bracketed || h.indexOf(']') < at) ? h.slice(0, at) : h;
    const port = at > 0 && host !== h ? Number(h.slice(at + 1)) : 5432;
    return { host: host.replace(/^\[|\]$/g, ''), port };
  });
  const rest = new URL(`http://x${m[4] ?? ''}`);
  const attrs = rest.searchParams.get('target_session_attrs') ?? 'any';
  rest.searchParams.delete('target_session_attrs');
  const tail = `${rest.pathname}${rest.search}`;
  return {
    hosts,
    targetSessionAttrs: attrs === 'read-write' || attrs === 'primary' ? 'read-write' : 'any',
    urlFor(index) {
      const { host, port } = hosts[index]!;
      return `${m[1]}${m[2] ?? ''}${host.includes(':') ? `[${host}]` : host}:${port}${tail === '/' ? '' : tail}`;
    },
  };
}

/** The error when no listed host is a usable primary; `code` makes it a `not-written` StoreUnavailableError. */
export class NoUsableHostError extends Error {
  readonly code = 'NO_USABLE_HOST';
}

/**
 * A pool over a host list: one pg.Pool per host, used for the host found
 * read-write (or answering). Any failure the store reports (`suspect()`)
 * makes the next connection look again, in list order, so writers move to a
 * promoted standby without a restart. Offers what the store uses of pg.Pool.
 */
export class MultiHostPool {
  private readonly pools: Pool[];
  private current: number | undefined;
  private probing: Promise<number> | undefined;
  private readonly errorListeners: Array<(e: Error) => void> = [];

  constructor(
    private readonly list: HostList,
    private readonly config: PoolConfig,
  ) {
    this.pools = list.hosts.map((_, i) => {
      const p = new pg.Pool({ ...config, connectionString: list.urlFor(i) });
      p.on('error', (e) => {
        for (const l of this.errorListeners) l(e);
      });
      p.on('connect', (client) => void guardClient(client));
      return p;
    });
  }

  /** The index of the host connections currently go to, if one was chosen. */
  get currentHost(): number | undefined {
    return this.current;
  }

  suspect(): void {
    this.current = undefined;
  }

  on(event: 'error', listener: (e: Error) => void): this {
    if (event === 'error') this.errorListeners.push(listener);
    return this;
  }

  async connect(): Promise<PoolClient> {
    for (let round = 0; ; round++) {
      const index = this.current ?? (await this.probe());
      try {
        return guardClient(await this.pools[index]!.connect());
      } catch (e) {
        this.suspect();
        if (round >= 1) throw e;
      }
    }
  }

  async query<R extends QueryResultRow = QueryResultRow>(
    config: QueryConfig | string,
    values?: unknown[],
  ): Promise<QueryResult<R>> {
    const client = await this.connect();
    try {
      const result = await client.query<R>(
        typeof config === 'string' ? { text: config, values: values ?? [] } : config,
      );
      client.release();
      return result;
    } catch (e) {
      client.release(e as Error);
      this.suspect();
      throw e;
    }
  }

  async end(): Promise<void> {
    await Promise.all(this.pools.map((p) => p.end()));
  }

  /** Tries the hosts in order; the first that answers (and, for read-write, is not in recovery) is used. */
  private probe(): Promise<number> {
    this.probing ??= (async () => {
      let last: unknown;
      for (let i = 0; i < this.list.hosts.length; i++) {
        const client = new pg.Client({
          connectionString: this.list.urlFor(i),
          connectionTimeoutMillis: this.config.connectionTimeoutMillis,
          query_timeout: this.config.connectionTimeoutMillis,
        });
        client.on('error', () => undefined);
        try {
          await client.connect();
          if (this.list.targetSessionAttrs === 'read-write') {
            const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
            if (rows[0]!.r) {
              last = new NoUsableHostError(`${this.list.hosts[i]!.host}:${this.list.hosts[i]!.port} is a standby`);
              continue;
            }
          }
          this.current = i;
          return i;
        } catch (e) {
          last = e;
        } finally {
          void client.end().catch(() => undefined);
        }
      }
      const hosts = this.list.hosts.map((h) => `${h.host}:${h.port}`).join(', ');
      throw new NoUsableHostError(
        `none of ${hosts} is ${this.list.targetSessionAttrs === 'read-write' ? 'a read-write primary' : 'answering'} (${(last as Error)?.message ?? 'no host'})`,
      );
    })().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }
}
