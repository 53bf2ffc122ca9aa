import {
  CertflowError,
  RuleViolationError,
  type Actor,
  type Decision,
  type Engine,
  type ExecuteResult,
  type RulePack,
  type StreamState,
} from '@certflow/core';

/** Someone who acts in a story: a display name and the actor the engine sees. */
export interface Party {
  name: string;
  actor: Actor;
}

/** One line of the timeline: a China local date, who acted, what happened, and indented details. */
export interface TimelineLine {
  date: string;
  who: string;
  text: string;
  details: string[];
  refused: boolean;
}

/** A command the engine refused, with the clauses that caused it. */
export interface Refusal {
  command: string;
  code: string;
  message: string;
  clauses: { ruleId: string; message?: string; document: string; clause: string; text: string }[];
}

/** What a story leaves behind, for the summary and the tests. */
export interface StoryOutcome {
  applicationStreamId: string;
  examStreamId: string;
  certificates: string[];
}

export interface StoryResult extends StoryOutcome {
  key: string;
  region: string;
  pack: { id: string; version: string; title: string };
  application: StreamState;
  exam: StreamState;
  refusals: Refusal[];
  lines: TimelineLine[];
}

/** What a story is given: the engine, a clock it moves forward, and ways to record steps. */
export interface StoryTools {
  engine: Engine;
  /** Moves the engine's clock to a China local date and time (default 10:00). */
  on(date: string, time?: string): void;
  /** Runs a command and records it; `details` adds indented lines from the result. */
  step(
    who: Party,
    text: string,
    run: () => Promise<ExecuteResult>,
    details?: (r: ExecuteResult) => string[],
  ): Promise<ExecuteResult>;
  /** Runs a command that must be refused and records the refusal with its clauses; fails the story if it goes through. */
  refused(who: Party, text: string, run: () => Promise<unknown>): Promise<Refusal>;
  /** Records a line that is not a command (e.g. what a filing receipt says). */
  note(who: string, text: string, details?: string[]): void;
}

export interface Story {
  /** The rule pack's folder name. */
  key: string;
  /** The region's Chinese name, as the timeline prints it. */
  region: string;
  pack: RulePack;
  run(t: StoryTools): Promise<StoryOutcome>;
}

const quote = (text: string, max = 72) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** A citation as the timeline prints it: document, clause, quoted words. */
export const citeLine = (c: { document: string; clause: string; text: string }) =>
  `${c.document} ${c.clause}「${quote(c.text)}」`;

const MARK: Record<string, string> = { pass: '✓', fail: '✗', review: '?', 'not-applicable': '·' };

/** A screening decision: its outcome and counts, then every finding that is not a pass, with its citation. */
export function decisionLines(d: Decision | null): string[] {
  if (!d || d.findings.length === 0) return [];
  const count = (o: string) => d.findings.filter((f) => f.outcome === o).length;
  const lines = [
    `screening: ${d.outcome} — ${count('pass')} pass, ${count('review')} review, ${count('fail')} fail, ${count('not-applicable')} not applicable`,
  ];
  for (const f of d.findings.filter((x) => x.outcome === 'fail' || x.outcome === 'review')) {
    lines.push(`${MARK[f.outcome]} ${f.ruleId}: ${f.message ?? f.description}`);
    lines.push(`  ${citeLine(f.cite)}`);
  }
  return lines;
}

export function toRefusal(err: unknown): Refusal {
  if (err instanceof RuleViolationError) {
    return {
      command: err.command,
      code: err.code,
      message: err.message,
      clauses: err.findings.map((f) => ({
        ruleId: f.ruleId,
        ...(f.message ? { message: f.message } : {}),
        document: f.cite.document,
        clause: f.cite.clause,
        text: f.cite.text,
      })),
    };
  }
  if (err instanceof CertflowError)
    return { command: String(err.params.command ?? ''), code: err.code, message: err.message, clauses: [] };
  throw err;
}

/** Runs one story on an engine whose clock `setNow` moves. */
export async function runStory(
  story: Story,
  engine: Engine,
  setNow: (d: Date) => void,
  afterStep: () => Promise<void> = async () => {},
): Promise<StoryResult> {
  const lines: TimelineLine[] = [];
  const refusals: Refusal[] = [];
  let today = '';
  const tools: StoryTools = {
    engine,
    on(date, time = '10:00') {
      today = date;
      setNow(new Date(`${date}T${time}:00+08:00`));
    },
    async step(who, text, run, details) {
      const r = await run();
      await afterStep();
      lines.push({
        date: today,
        who: who.name,
        text: `${text} → ${r.state.state}`,
        details: details?.(r) ?? [],
        refused: false,
      });
      return r;
    },
    async refused(who, text, run) {
      let result: unknown;
      try {
        result = await run();
      } catch (err) {
        const refusal = toRefusal(err);
        refusals.push(refusal);
        const details =
          refusal.clauses.length > 0
            ? refusal.clauses.flatMap((c) => [`${c.ruleId}${c.message ? `: ${c.message}` : ''}`, `  ${citeLine(c)}`])
            : [refusal.message];
        lines.push({ date: today, who: who.name, text: `${text} → REFUSED (${refusal.code})`, details, refused: true });
        return refusal;
      }
      throw new Error(
        `${story.key}: "${text}" should have been refused but went through (${JSON.stringify((result as ExecuteResult)?.state?.state)})`,
      );
    },
    note(who, text, details = []) {
      lines.push({ date: today, who, text, details, refused: false });
    },
  };
  const outcome = await story.run(tools);
  return {
    ...outcome,
    key: story.key,
    region: story.region,
    pack: { id: story.pack.id, version: story.pack.version, title: story.pack.title },
    application: await engine.load(outcome.applicationStreamId),
    exam: await engine.load(outcome.examStreamId),
    refusals,
    lines,
  };
}
