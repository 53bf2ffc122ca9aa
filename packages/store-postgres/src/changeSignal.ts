import pg from 'pg';
import type { Pool, PoolClient } from 'pg';

/**
 * Wakes waiting readers when events may have been committed: at once for
 * appends made through this store, through LISTEN/NOTIFY for appends made by
 * other processes, and by a poll timer as the fallback (a lost notification,
 * a dropped LISTEN connection, or events held back behind an open transaction).
 */
export class ChangeSignal {
  private wakers = new Set<() => void>();
  private listener: pg.Client | PoolClient | undefined;
  private listening: Promise<void> | undefined;
  private notifying: Promise<void> | undefined;
  private notifyAgain = false;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private relisten: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly clientConfig: pg.ClientConfig | undefined,
    private readonly pollIntervalMs: number,
    private readonly notifyIntervalMs = 100,
  ) {}

  /** Resolves on a wake-up, after the poll interval, or when `signal` aborts. */
  wait(signal: AbortSignal, timeoutMs = this.pollIntervalMs): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal.aborted || this.closed) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.wakers.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  wake(): void {
    for (const w of [...this.wakers]) w();
  }

  /** Starts listening for other processes' appends (once; failures fall back to polling). */
  listen(): void {
    if (this.listening || this.closed) return;
    this.listening = (async () => {
      let client: pg.Client | PoolClient;
      if (this.clientConfig) {
        client = new pg.Client(this.clientConfig);
        await client.connect();
      } else client = await this.pool.connect();
      this.listener = client;
      client.on('error', () => this.dropListener());
      client.on('notification', () => this.wake());
      await client.query(`LISTEN "${this.channel}"`);
      if (this.closed) await this.endListener();
    })().catch(() => this.dropListener());
  }

  /**
   * Tells other processes' subscriptions that events were committed. Never
   * awaited by appends and at most one NOTIFY per `notifyIntervalMs`: a NOTIFY
   * is a transaction of its own (one inside the append would serialize
   * commits on PostgreSQL's notification lock), so a burst of appends costs
   * one notification, sent at once for the first and at the end of the interval for the rest.
   */
  notifyOthers(): void {
    if (this.closed) return;
    if (this.notifying || this.notifyTimer) {
      this.notifyAgain = true;
      return;
    }
    // synchronous_commit off for this transaction only: a NOTIFY assigns a
    // transaction id, so its commit would otherwise wait for a WAL flush of
    // its own, competing with the appends' commits for the disk. A
    // notification is a hint, never state: it need not outlive a crash.
    this.notifying = this.pool
      .query("SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)", [this.channel, ''])
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.notifying = undefined;
        if (this.closed) return;
        this.notifyTimer = setTimeout(() => {
          this.notifyTimer = undefined;
          if (this.notifyAgain) {
            this.notifyAgain = false;
            this.notifyOthers();
          }
        }, this.notifyIntervalMs);
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    clearTimeout(this.relisten);
    this.relisten = undefined;
    while (this.notifying) await this.notifying;
    await this.listening;
    await this.endListener();
  }

  private dropListener(): void {
    const l = this.listener;
    this.listener = undefined;
    this.listening = undefined;
    if (l && 'release' in l) l.release(true);
    else if (l) void l.end().catch(() => undefined);
    // Listen again once the server may be back; until then the poll timer serves.
    if (!this.closed && !this.relisten) {
      this.relisten = setTimeout(() => {
        this.relisten = undefined;
        this.listen();
      }, this.pollIntervalMs);
    }
  }

  private async endListener(): Promise<void> {
    const l = this.listener;
    this.listener = undefined;
    if (!l) return;
    if ('release' in l) {
      await l.query(`UNLISTEN "${this.channel}"`).catch(() => undefined);
      l.release();
    } else await l.end().catch(() => undefined);
  }
}
