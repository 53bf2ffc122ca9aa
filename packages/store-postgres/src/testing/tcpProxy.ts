import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL for fault tests: `freeze()` stops
 * forwarding in both directions while keeping every socket open (a server
 * that hangs, or a network that silently drops packets), `thaw()` resumes,
 * `cut()` resets every open connection (a connection lost mid-statement),
 * and `refuse()` makes new connections fail at once.
 */
export interface TcpProxy {
  readonly port: number;
  /** `postgres://…` of the target with the proxy's port. */
  url(targetUrl: string): string;
  freeze(): void;
  thaw(): void;
  cut(): void;
  refuse(on: boolean): void;
  /** While on, the server's replies are thrown away (a commit whose answer never arrives). */
  dropReplies(on: boolean): void;
  /** Bytes forwarded client → server so far. */
  readonly sentBytes: number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let frozen = false;
  let refusing = false;
  let dropping = false;
  let sentBytes = 0;
  const pairs = new Set<{ a: net.Socket; b: net.Socket }>();
  const held: Array<() => void> = [];
  const server = net.createServer((a) => {
    if (refusing) {
      a.resetAndDestroy();
      return;
    }
    const b = net.connect(targetPort, targetHost);
    const pair = { a, b };
    pairs.add(pair);
    const pipe = (from: net.Socket, to: net.Socket, upstream: boolean) =>
      from.on('data', (chunk: Buffer) => {
        const forward = () => {
          if (upstream) sentBytes += chunk.length;
          else if (dropping) return;
          if (!to.destroyed) to.write(chunk);
        };
        if (frozen) {
          from.pause();
          held.push(() => {
            forward();
            from.resume();
          });
        } else forward();
      });
    pipe(a, b, true);
    pipe(b, a, false);
    const end = () => {
      pairs.delete(pair);
      a.destroy();
      b.destroy();
    };
    a.on('error', end).on('close', end);
    b.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url(targetUrl) {
      const u = new URL(targetUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const h of held.splice(0)) h();
    },
    cut() {
      for (const { a, b } of [...pairs]) {
        a.resetAndDestroy();
        b.destroy();
      }
    },
    dropReplies(on) {
      dropping = on;
    },
    refuse(on) {
      refusing = on;
    },
    get sentBytes() {
      return sentBytes;
    },
    async close() {
      frozen = false;
      held.splice(0);
      for (const { a, b } of [...pairs]) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
