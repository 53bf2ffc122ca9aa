import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  CertflowError,
  ConcurrencyError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
  type Engine,
} from '@certflow/core';

/** The HTTP status of each certflow error; anything else is a 500. */
export function statusOf(err: unknown): number {
  if (err instanceof ValidationError) return 400;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof InvalidTransitionError || err instanceof ConcurrencyError) return 409;
  if (err instanceof RuleViolationError) return 422;
  return 500;
}

class BadRequest extends Error {}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
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

/**
 * certflow behind node:http. Commands: POST /commands (the body is a command,
 * as `engine.execute` takes it). Queries: GET /streams/:id[?at=instant]
 * (`engine.load`, time travel with `at`), GET /deadlines[?now=instant].
 * Errors come back as `{ error: { name, code, message, …fields } }`, a
 * RuleViolationError with its findings and their citations.
 */
export function certflowServer(engine: Engine): Server {
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const stream = /^\/streams\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'POST' && url.pathname === '/commands') {
        const result = await engine.execute((await readJson(req)) as never);
        return send(res, 200, result);
      }
      if (req.method === 'GET' && stream) {
        const at = instant(url, 'at');
        const state = await engine.load(decodeURIComponent(stream[1]!), at ? { at } : {});
        if (state.version === 0) return send(res, 404, { error: { name: 'NotFoundError', code: 'NOT_FOUND', message: `no events in ${state.streamId}` } });
        return send(res, 200, state);
      }
      if (req.method === 'GET' && url.pathname === '/deadlines') {
        const now = instant(url, 'now');
        return send(res, 200, await engine.deadlines(now ? { now } : {}));
      }
      return send(res, 404, { error: { name: 'NotFound', code: 'NO_ROUTE', message: `${req.method} ${url.pathname}: use POST /commands, GET /streams/:id, GET /deadlines` } });
    } catch (err) {
      if (err instanceof BadRequest) return send(res, 400, { error: { name: 'BadRequest', code: 'BAD_REQUEST', message: err.message } });
      if (err instanceof CertflowError) return send(res, statusOf(err), { error: err.toJSON() });
      send(res, 500, { error: { name: 'Error', code: 'INTERNAL', message: 'internal error' } });
      console.error(err);
    }
  });
}
