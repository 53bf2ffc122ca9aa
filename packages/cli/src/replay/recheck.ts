import {
  CorruptStoreError,
  evaluateRules,
  isCatalogued,
  type ApplicationEventData,
  type CommandType,
  type Decision,
  type Engine,
  type RulePack,
  type ExamEventData,
  type StoredEvent,
} from '@certflow/core';

/** How to re-evaluate a recorded decision: the facts the pack saw and the command it was evaluated for. */
export interface DecisionRecipe {
  command: CommandType;
  /** The command the decision was made for, when its rules are another command's (a scope amendment re-screens with the application rules). */
  decidedFor?: CommandType;
  facts(event: StoredEvent, engine: Engine): Promise<unknown>;
}

type Data = Record<string, unknown>;
/** The data of the events that record a decision, as the event catalogue types it. */
interface RecordingData {
  ApplicationSubmitted: ApplicationEventData['ApplicationSubmitted'];
  ApplicationSupplemented: ApplicationEventData['ApplicationSupplemented'];
  ScopeAmended: ApplicationEventData['ScopeAmended'];
  ExamPlanned: ExamEventData['ExamPlanned'];
}

/** The event's data as the event catalogue types it; an event of another type or stream kind is refused. */
function dataOf<T extends keyof RecordingData>(e: StoredEvent, type: T): RecordingData[T] {
  if (!isCatalogued(e) || e.type !== type) {
    throw new CorruptStoreError('the log', `a ${type} event belongs to no ${e.streamId.split('-')[0]} stream`, {
      streamId: e.streamId,
      version: e.version,
    });
  }
  return e.data as RecordingData[T];
}

/**
 * Where each recording event keeps its facts. Screening (submit, supplement,
 * scope amendment) records the whole profile; an exam plan records the plan
 * and a summary of the filing, whose profile is the filing stream's as of the
 * instant the plan was recorded (time travel).
 */
export const DECISION_RECIPES: Readonly<Record<string, DecisionRecipe>> = {
  ApplicationSubmitted: { command: 'SubmitApplication', facts: async (e) => dataOf(e, 'ApplicationSubmitted').profile },
  ApplicationSupplemented: {
    command: 'SubmitApplication',
    facts: async (e) => dataOf(e, 'ApplicationSupplemented').profile,
  },
  ScopeAmended: {
    command: 'SubmitApplication',
    decidedFor: 'AmendScope',
    facts: async (e) => dataOf(e, 'ScopeAmended').profile,
  },
  ExamPlanned: {
    command: 'PlanExam',
    async facts(e, engine) {
      const { organizerId: _o, rulePack: _r, filing, decision: _d, ...plan } = dataOf(e, 'ExamPlanned');
      const state = await engine.load(filing.streamId, { at: e.meta.at });
      return { plan, filing: { ...filing, profile: 'profile' in state.context ? state.context.profile : undefined } };
    },
  },
};

export interface FindingChange {
  ruleId: string;
  /** null: the rule did not exist on that side. */
  before: string | null;
  after: string | null;
  cite?: { document: string; clause: string; text: string };
  message?: string;
}

export interface DecisionComparison {
  streamId: string;
  version: number;
  eventType: string;
  recordedUnder: string;
  evaluatedUnder: string;
  asOf: string;
  outcomeBefore: string;
  outcomeAfter: string;
  changes: FindingChange[];
}

/** Rule-by-rule difference of two decisions (outcomes only; messages may be reworded freely). */
export function compareDecisions(recorded: Decision, recomputed: Decision): FindingChange[] {
  const before = new Map(recorded.findings.map((f) => [f.ruleId, f]));
  const after = new Map(recomputed.findings.map((f) => [f.ruleId, f]));
  const changes: FindingChange[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id);
    const a = after.get(id);
    if (b?.outcome === a?.outcome) continue;
    const cite = (a ?? b)!.cite;
    const message = a?.message ?? b?.message;
    changes.push({
      ruleId: id,
      before: b?.outcome ?? null,
      after: a?.outcome ?? null,
      ...(cite ? { cite: JSON.parse(JSON.stringify(cite)) as FindingChange['cite'] } : {}),
      ...(message ? { message } : {}),
    });
  }
  return changes;
}

/** Re-evaluates one recorded decision under a pack (its own recorded version, or another). */
export async function reevaluate(
  event: StoredEvent,
  recorded: Decision,
  pack: RulePack,
  engine: Engine,
): Promise<DecisionComparison> {
  const recipe = DECISION_RECIPES[event.type]!;
  const facts = await recipe.facts(event, engine);
  // Compared as it is (outcomes by rule id); only the differences found are copied into the result.
  const recomputed: Decision = evaluateRules(pack, facts, {
    asOf: recorded.asOf,
    command: recipe.command,
    ...(recipe.decidedFor ? { decidedFor: recipe.decidedFor } : {}),
  });
  return {
    streamId: event.streamId,
    version: event.version,
    eventType: event.type,
    recordedUnder: `${recorded.rulePack.id}@${recorded.rulePack.version}`,
    evaluatedUnder: `${pack.id}@${pack.version}`,
    asOf: recorded.asOf,
    outcomeBefore: recorded.outcome,
    outcomeAfter: recomputed.outcome,
    changes: compareDecisions(recorded, recomputed),
  };
}

/** The decision an event recorded, if any. */
export function recordedDecision(event: StoredEvent): Decision | undefined {
  const d = (event.data as Data | null)?.decision as Decision | undefined;
  return d && Array.isArray(d.findings) && d.rulePack && typeof d.rulePack.id === 'string' ? d : undefined;
}
