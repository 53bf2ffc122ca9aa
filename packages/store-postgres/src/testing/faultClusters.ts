import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';

/**
 * The clusters of the fault suite (created by `.ci/fault-clusters.sh up`,
 * announced in CERTFLOW_FAULT_CLUSTERS as `15/name:port,15/name:port`: the
 * primary, then its synchronous standby). The suite restarts, freezes and
 * kills them, so it never uses the shared server.
 */
export interface Cluster {
  version: string;
  name: string;
  port: number;
  url: string;
}

export function faultClusters(): { primary: Cluster; standby: Cluster } | undefined {
  const spec = process.env.CERTFLOW_FAULT_CLUSTERS;
  if (!spec) {
    if (process.env.CI === 'true') {
      throw new Error(
        'CERTFLOW_FAULT_CLUSTERS is not set under CI: .ci/run creates the fault clusters with .ci/fault-clusters.sh up',
      );
    }
    const bar = '!'.repeat(78);
    console.warn(
      `\n${bar}\n!! CERTFLOW_FAULT_CLUSTERS is not set: the PostgreSQL cluster fault suite is SKIPPED.\n` +
        `!! Run \`bash .ci/fault-clusters.sh up\` (as root) and export the line it prints.\n${bar}\n`,
    );
    return undefined;
  }
  const [primary, standby] = spec.split(',').map((part) => {
    const m = /^([^/]+)\/([^:]+):(\d+)$/.exec(part.trim());
    if (!m) throw new Error(`CERTFLOW_FAULT_CLUSTERS: cannot read ${part}`);
    return { version: m[1]!, name: m[2]!, port: Number(m[3]), url: `postgres://postgres@127.0.0.1:${m[3]}/postgres` };
  });
  if (!primary || !standby) throw new Error('CERTFLOW_FAULT_CLUSTERS needs a primary and a standby');
  return { primary, standby };
}

const ctl = (c: Cluster, ...args: string[]) =>
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', c.version, c.name, ...args], {
    stdio: 'pipe',
    timeout: 120_000,
  });

/** The postmaster and its children (backends, walsender, background workers), by process id. */
function processesOf(c: Cluster): number[] {
  const pidFile = `/var/lib/postgresql/${c.version}/${c.name}/postmaster.pid`;
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return [postmaster, ...children];
}

/** True while `pid` is a live process (a zombie, killed but not yet reaped, counts as dead). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * After SIGKILL the lock files still name the dead postmaster; when nobody
 * reaps it, it lingers as a zombie and PostgreSQL, seeing the process id
 * taken, refuses to start. Once every process of the server is dead, the
 * stale lock files are removed.
 */
async function clearStaleLocks(c: Cluster): Promise<void> {
  const pidFile = `/var/lib/postgresql/${c.version}/${c.name}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pids = processesOf(c);
  for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  if (pids.some(alive)) return;
  rmSync(pidFile, { force: true });
  rmSync(`/var/run/postgresql/.s.PGSQL.${c.port}.lock`, { force: true });
  rmSync(`/var/run/postgresql/.s.PGSQL.${c.port}`, { force: true });
}

export const clusterControl = {
  restart: (c: Cluster) => ctl(c, 'restart', '-m', 'fast'),
  async start(c: Cluster): Promise<void> {
    await clearStaleLocks(c);
    ctl(c, 'start');
  },
  promote: (c: Cluster) => ctl(c, 'promote'),
  /** SIGSTOP to the whole server for `ms`, then SIGCONT: a frozen machine. */
  async freeze(c: Cluster, ms: number): Promise<void> {
    const pids = processesOf(c);
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, ms));
    for (const pid of pids) process.kill(pid, 'SIGCONT');
  },
  /** SIGKILL to the whole server: a machine that died. */
  kill(c: Cluster): void {
    for (const pid of processesOf(c)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  },
};
