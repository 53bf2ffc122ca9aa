import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CalendarCoverageError } from '@certflow/calendar';
import {
  CertflowError,
  ConcurrencyError,
  ForbiddenError,
  IdempotencyConflictError,
  InvalidTransitionError,
  NotFoundError,
  ProvisionalCalendarError,
  RuleViolationError,
  STREAM_ID_PATTERN,
  StoreUnavailableError,
  ValidationError,
  type CertificateRegistry,
  type Command,
  type Engine,
} from '@certflow/core';

/**
 * The HTTP status of each certflow error:
 * - 400 malformed input (`ValidationError`: the body, a stream id, a parameter);
 * - 403 the actor's role may not run the command (`ForbiddenError`);
 * - 404 no such stream (`NotFoundError`);
 * - 409 the stream moved on or is in another state (`ConcurrencyError`,
 *   `InvalidTransitionError`), or a `commandId` was used for another command
 *   (`IdempotencyConflictError`), or an engine created with `provisional: 'refuse'`
 *   met a deadline resting on an unpublished year (`ProvisionalCalendarError`: it may
 *   succeed once the year's arrangement is added): nothing was appended;
 * - 422 a rule of the pack refused (`RuleViolationError`, with findings and
 *   their clauses), or a date lies past the years the calendar covers
 *   (`CalendarCoverageError`: well-formed, but undecidable until the host adds
 *   that year's arrangement);
 * - 503 the store is unreachable (`StoreUnavailableError`; its `outcome` says
 *   whether the write may have happened: retry with the same `commandId`);
 * - 500 anything else, a damaged store (`CorruptStoreError`) included.
 */
export function statusOf(err: unknown): number {
  if (err instanceof ValidationError) return 400;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (
    err instanceof InvalidTransitionError ||
    err instanceof ConcurrencyError ||
    err instanceof IdempotencyConflictError ||
    err instanceof ProvisionalCalendarError
  )
    return 409;
  if (err instanceof RuleViolationError || err instanceof CalendarCoverageError) return 422;
  if (err instanceof StoreUnavailableError) return 503;
  return 500;
}

class BadRequest extends Error {}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A command body is a JSON object; `null`, an array or a scalar is refused before the engine sees it. */
function asCommand(body: unknown): Command {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError(
      [
        {
          path: [],
          code: 'invalid_type',
          message: 'a command is a JSON object',
          expected: 'object',
          received: typeOf(body),
        },
      ],
      'POST /commands',
    );
  }
  return body as Command;
}

/** The stream id of a path segment; a bad escape or an id that is no stream id is a 400. */
function streamIdOf(segment: string): string {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    throw new ValidationError(
      [
        {
          path: ['streamId'],
          code: 'invalid_format',
          message: 'the stream id is not a valid URL escape',
          received: segment,
        },
      ],
      'GET /streams/:id',
    );
  }
  if (!STREAM_ID_PATTERN.test(id)) {
    throw new ValidationError(
      [
        {
          path: ['streamId'],
          code: 'invalid_stream_id',
          message: 'not a stream id',
          expected: String(STREAM_ID_PATTERN),
          received: id,
        },
      ],
      'GET /streams/:id',
    );
  }
  return id;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage, limit = 1_000_000): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BadRequest(`body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('body is not JSON');
  }
}

/** An instant from a query parameter, or undefined; a bad value is a 400. */
function instant(url: URL, name: string): Date | undefined {
  const v = url.searchParams.get(name);
  if (v === null) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new BadRequest(`${name} is not an ISO 8601 instant: ${v}`);
  return d;
}

/** Options of {@link certflowServer}. */
export interface CertflowServerOptions {
  /**
   * The certificate registry read model behind the free public query
   * `GET /public/certificates/:number?name=…&idNumber=…`; without it the route is absent (404).
   */
  registry?: CertificateRegistry;
  /** Public queries allowed per client address per minute (default 30); more are 429 with `Retry-After`. */
  publicQueriesPerMinute?: number;
  /** The clock of the rate limiter (tests). */
  now?: () => number;
}

/** A fixed-window counter per client address: `allow` is false once a client used its minute's queries. */
function rateLimiter(perMinute: number, now: () => number) {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    /** Seconds until the client may ask again, or 0 when this query is allowed. */
    wait(client: string): number {
      const t = now();
      let w = windows.get(client);
      if (!w || t - w.start >= 60_000) {
        if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= 60_000) windows.delete(k);
        w = { start: t, used: 0 };
        windows.set(client, w);
      }
      if (w.used >= perMinute) return Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
      w.used += 1;
      return 0;
    },
  };
}

/**
 * certflow behind node:http. Commands: POST /commands (the body is a command,
 * as `engine.execute` takes it). Queries: GET /streams/:id[?at=instant]
 * (`engine.load`, time travel with `at`), GET /deadlines[?now=instant], and,
 * with a `registry`, the free public certificate query (公开查询)
 * GET /public/certificates/:number?name=…&idNumber=…, rate-limited per client:
 * it answers valid / revoked / not-found and reveals nothing about a person the
 * caller did not supply (see `queryCertificatePublic`).
 * Errors come back as `{ error: { name, code, message, …fields } }` with the
 * status of `statusOf`, a RuleViolationError with its findings and their
 * citations; a 503 carries `Retry-After`.
 */
export function certflowServer(engine: Engine, options: CertflowServerOptions = {}): Server {
  const limiter = rateLimiter(options.publicQueriesPerMinute ?? 30, options.now ?? Date.now);
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const stream = /^\/streams\/([^/]+)$/.exec(url.pathname);
      const certificate = /^\/public\/certificates\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && certificate && options.registry) {
        const wait = limiter.wait(req.socket.remoteAddress ?? 'unknown');
        if (wait > 0) {
          res.setHeader('retry-after', String(wait));
          return send(res, 429, {
            error: {
              name: 'TooManyRequests',
              code: 'RATE_LIMITED',
              message: `too many public queries: try again in ${wait} s`,
            },
          });
        }
        const name = url.searchParams.get('name');
        const idNumber = url.searchParams.get('idNumber');
        if (!name || !idNumber)
          throw new BadRequest(
            "the public query needs the holder's name and idNumber (身份证号) besides the certificate number",
          );
        let number: string;
        try {
          number = decodeURIComponent(certificate[1]!);
        } catch {
          throw new BadRequest('the certificate number is not a valid URL escape');
        }
        res.setHeader('cache-control', 'no-store');
        return send(res, 200, await options.registry.queryCertificate({ number, name, idNumber }));
      }
      if (req.method === 'POST' && url.pathname === '/commands') {
        const command = asCommand(await readJson(req));
        try {
          return send(res, 200, await engine.execute(command));
        } catch (err) {
          // Only a creating command may act on a stream without events: any other one names a missing stream.
          if (
            err instanceof InvalidTransitionError &&
            STREAM_ID_PATTERN.test(String(command.streamId)) &&
            (await engine.load(command.streamId)).version === 0
          ) {
            throw new NotFoundError('stream', command.streamId);
          }
          throw err;
        }
      }
      if (req.method === 'GET' && stream) {
        const at = instant(url, 'at');
        const state = await engine.load(streamIdOf(stream[1]!), at ? { at } : {});
        if (state.version === 0) throw new NotFoundError('stream', state.streamId);
        return send(res, 200, state);
      }
      if (req.method === 'GET' && url.pathname === '/deadlines') {
        const now = instant(url, 'now');
        return send(res, 200, await engine.deadlines(now ? { now } : {}));
      }
      return send(res, 404, {
        error: {
          name: 'NotFound',
          code: 'NO_ROUTE',
          message: `${req.method} ${url.pathname}: use POST /commands, GET /streams/:id, GET /deadlines`,
        },
      });
    } catch (err) {
      if (err instanceof BadRequest)
        return send(res, 400, { error: { name: 'BadRequest', code: 'BAD_REQUEST', message: err.message } });
      if (err instanceof StoreUnavailableError) res.setHeader('retry-after', '1');
      if (err instanceof CertflowError) return send(res, statusOf(err), { error: err.toJSON() });
      send(res, 500, { error: { name: 'Error', code: 'INTERNAL', message: 'internal error' } });
      console.error(err);
    }
  });
}
