import { describe, expect, it } from 'vitest';
import { parseHostList } from './multiHost.js';

describe('parseHostList', () => {
  it('reads libpq multi-host URLs: hosts in order, default port, target_session_attrs taken out of the per-host URL', () => {
    const list = parseHostList(
      'postgres://app:pw@db1:5441,db2,[::1]:5443/certflow?target_session_attrs=read-write&sslmode=disable',
    )!;
    expect(list.hosts).toEqual([
      { host: 'db1', port: 5441 },
      { host: 'db2', port: 5432 },
      { host: '::1', port: 5443 },
    ]);
    expect(list.targetSessionAttrs).toBe('read-write');
    expect(list.urlFor(0)).toBe('postgres://app:pw@db1:5441/certflow?sslmode=disable');
    expect(list.urlFor(2)).toBe('postgres://app:pw@[::1]:5443/certflow?sslmode=disable');
  });

  it("'primary' means read-write, anything else any; a single host is no host list", () => {
    expect(parseHostList('postgresql://a:1,b:2/db?target_session_attrs=primary')!.targetSessionAttrs).toBe(
      'read-write',
    );
    expect(parseHostList('postgresql://a:1,b:2/db')!.targetSessionAttrs).toBe('any');
    expect(parseHostList('postgres://postgres@127.0.0.1:5432/test')).toBeUndefined();
  });
});
