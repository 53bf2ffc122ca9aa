import { describe, expect, it } from 'vitest';
import {
  CertflowError,
  ConcurrencyError,
  CorruptStoreError,
  ForbiddenError,
  IdempotencyConflictError,
  InvalidTransitionError,
  NotFoundError,
  RuleViolationError,
  StoreUnavailableError,
  ValidationError,
  prettifyError,
} from './errors.js';

describe('errors are data first', () => {
  it('each class has a stable code and structured fields', () => {
    const cases: Array<[CertflowError, string, Record<string, unknown>]> = [
      [
        new ConcurrencyError('exam-1', 'no-stream', 3),
        'CONCURRENCY',
        { streamId: 'exam-1', expected: 'no-stream', actual: 3 },
      ],
      [
        new ValidationError([{ path: ['organization', 'uscc'], code: 'custom', message: 'bad check digit' }]),
        'VALIDATION',
        {},
      ],
      [
        new InvalidTransitionError('application-1', 'CompleteFiling', 'submitted'),
        'INVALID_TRANSITION',
        { command: 'CompleteFiling', state: 'submitted' },
      ],
      [
        new ForbiddenError('applicant', 'AcceptApplication'),
        'FORBIDDEN',
        { role: 'applicant', command: 'AcceptApplication' },
      ],
      [new NotFoundError('stream', 'application-9'), 'NOT_FOUND', { what: 'stream', id: 'application-9' }],
      [
        new IdempotencyConflictError('c1', 'aa', 'bb'),
        'IDEMPOTENCY_CONFLICT',
        { commandId: 'c1', recorded: 'aa', attempted: 'bb' },
      ],
      [
        new StoreUnavailableError('append', 'unknown', { driverCode: '57P01' }),
        'STORE_UNAVAILABLE',
        { operation: 'append', outcome: 'unknown', driverCode: '57P01' },
      ],
      [
        new CorruptStoreError('events.sqlite', 'unreadable JSON', { position: 7, streamId: 'exam-1', version: 2 }),
        'CORRUPT_STORE',
        { source: 'events.sqlite', position: 7, streamId: 'exam-1', version: 2 },
      ],
    ];
    for (const [err, code, fields] of cases) {
      expect(err).toBeInstanceOf(CertflowError);
      expect(err).toBeInstanceOf(Error);
      expect(err.code).toBe(code);
      expect(err).toMatchObject(fields);
      expect(err.name).toBe(err.constructor.name);
      expect(err.toJSON()).toMatchObject({ code, name: err.name });
    }
  });

  it('messages come in English and Chinese from one table', () => {
    const err = new ConcurrencyError('exam-1', 2, 3);
    expect(err.message).toBe('stream exam-1: expected version 2, but the stream is at 3');
    expect(err.format('zh-CN')).toBe('事件流 exam-1：期望版本 2，实际版本 3');
    const f = new ForbiddenError('applicant', 'AcceptApplication');
    expect(f.format('zh-CN')).toBe('角色 applicant 无权执行 AcceptApplication');
  });

  it('store failures say whether the write may have happened, in both languages', () => {
    const cause = new Error('Connection terminated unexpectedly');
    const unknown = new StoreUnavailableError('append', 'unknown', { cause, driverCode: 'ECONNRESET' });
    expect(unknown.cause).toBe(cause);
    expect(unknown.message).toContain('may have committed');
    expect(unknown.format('zh-CN')).toContain('写入可能已提交');
    const notWritten = new StoreUnavailableError('readAll', 'not-written');
    expect(notWritten.message).toContain('nothing was written');
    expect(notWritten.format('zh-CN')).toContain('未写入任何内容');
    expect(new IdempotencyConflictError('c1', 'aa', 'bb').format('zh-CN')).toContain('命令编号 c1');
    expect(new CorruptStoreError('a.sqlite', 'bad page').format('zh-CN')).toBe('a.sqlite 已损坏：bad page');
  });

  it('ValidationError lists every issue with its path', () => {
    const err = new ValidationError([
      { path: ['organization', 'uscc'], code: 'custom', message: 'bad check digit' },
      { path: ['occupations', 0, 'levels'], code: 'too_small', message: 'at least one level' },
    ]);
    expect(err.message).toContain('at organization.uscc');
    expect(err.message).toContain('at occupations[0].levels');
    expect(prettifyError(err)).toBe(
      '✖ bad check digit\n  → at organization.uscc\n✖ at least one level\n  → at occupations[0].levels',
    );
  });

  it('RuleViolationError carries the findings with their clauses, and prints them', () => {
    const cite = { document: '鲁人社字〔2020〕50号', clause: '二', text: '试点期间，职业技能等级原则考评三级' };
    const err = new RuleViolationError('AcceptApplication', [
      { ruleId: 'levels-allowed', outcome: 'fail', message: 'level 2', cite },
    ]);
    expect(err.findings[0]!.cite.clause).toBe('二');
    expect(err.message).toContain('鲁人社字〔2020〕50号 二');
    expect(prettifyError(err, 'zh-CN')).toContain('「试点期间，职业技能等级原则考评三级」');
  });
});
