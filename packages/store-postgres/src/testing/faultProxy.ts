import net from 'node:net';

/**
 * A TCP proxy on loopback in front of PostgreSQL that loses replies and kills
 * connections on demand, for fault tests. Client bytes always reach the
 * server; a reply chunk can be dropped together with the connection (the
 * statement ran, perhaps committed, and the client never hears of it), and
 * `killAll()` cuts every open connection at once (a server restart as the
 * clients see it). Faults are drawn from a seeded generator, so a run can be repeated.
 */
export interface FaultProxy {
  /** The port clients connect to (on 127.0.0.1). */
  port: number;
  /** Probability that a reply chunk is dropped and its connection cut (0 disables). */
  dropRate: number;
  /**
   * Targeted losses: when a client's bytes contain `text` (a statement carrying it was sent),
   * with probability `rate` the reply to it is dropped and the connection cut.
   */
  target: { text: string; rate: number } | undefined;
  /** Cuts every open connection now; returns how many were cut. */
  killAll(): number;
  stats(): { connections: number; droppedReplies: number; targetedDrops: number; killed: number };
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, enough to pick faults reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(
  target: { host: string; port: number },
  options: { seed?: number; dropRate?: number } = {},
): Promise<FaultProxy> {
  const random = seeded(options.seed ?? 1);
  const open = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let connections = 0;
  let droppedReplies = 0;
  let targetedDrops = 0;
  let killed = 0;
  const cut = (pair: { client: net.Socket; upstream: net.Socket }) => {
    open.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  };
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    let dropNext = false;
    open.add(pair);
    client.on('data', (chunk) => {
      const t = proxy.target;
      if (t && !dropNext && chunk.includes(t.text) && random() < t.rate) dropNext = true;
      if (!upstream.destroyed) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (dropNext) {
        targetedDrops++;
        cut(pair);
        return;
      }
      if (proxy.dropRate > 0 && random() < proxy.dropRate) {
        droppedReplies++;
        cut(pair);
        return;
      }
      if (!client.destroyed) client.write(chunk);
    });
    const end = () => cut(pair);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const proxy: FaultProxy = {
    port: (server.address() as net.AddressInfo).port,
    dropRate: options.dropRate ?? 0,
    target: undefined,
    killAll() {
      const n = open.size;
      for (const pair of [...open]) cut(pair);
      killed += n;
      return n;
    },
    stats: () => ({ connections, droppedReplies, targetedDrops, killed }),
    close() {
      proxy.dropRate = 0;
      proxy.target = undefined;
      for (const pair of [...open]) cut(pair);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
