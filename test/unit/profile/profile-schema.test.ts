import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProfileFile } from '../../../electron/core/profile/profile-file';
import { ProfileSchema, profileFromUrls } from '../../../electron/core/profile/profile-schema';

describe('profile schema', () => {
  it('accepts every supported scheme', () => {
    const profile = profileFromUrls('x', ['mqtt://a:1883', 'mqtts://b:8883', 'ws://c/mqtt', 'wss://d/mqtt']);
    expect(profile.brokers.map((b) => b.id)).toEqual(['tm1', 'tm2', 'tm3', 'tm4']);
  });

  it.each([
    ['tcp://h:5672', /scheme "tcp:" is not supported/],
    ['not a url', /is not a URL/],
    ['http://h:80', /scheme "http:" is not supported/],
  ])('rejects the broker URL %s with a reason', (url, reason) => {
    const result = ProfileSchema.safeParse({ name: 'x', brokers: [{ id: 'a', label: 'A', url }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['brokers', 0, 'url']);
    expect(result.error?.issues[0]?.message).toMatch(reason);
  });

  it('keeps the backoff within an hour, so no retry timer can overflow', () => {
    const result = ProfileSchema.safeParse({
      name: 'x',
      brokers: [{ id: 'a', label: 'A', url: 'mqtt://h:1' }],
      failover: { backoff: { maxMs: 30 * 24 * 3_600_000 } },
    });
    expect(result.error?.issues[0]?.path).toEqual(['failover', 'backoff', 'maxMs']);
    expect(result.error?.issues[0]?.message).toMatch(/3600000/);
  });

  it('rejects duplicate broker ids and empty broker lists', () => {
    const dup = ProfileSchema.safeParse({
      name: 'x',
      brokers: [
        { id: 'a', label: 'A', url: 'mqtt://h:1' },
        { id: 'a', label: 'B', url: 'mqtt://h:2' },
      ],
    });
    expect(dup.error?.issues[0]?.message).toBe('broker id "a" is used twice');
    const empty = ProfileSchema.safeParse({ name: 'x', brokers: [] });
    expect(empty.error?.issues[0]?.message).toBe('a profile needs at least one broker');
  });
});

describe('profile file', () => {
  async function fileWith(text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'tmc-profile-'));
    const path = join(dir, 'profile.json');
    await writeFile(path, text);
    return path;
  }

  it('reads a valid profile', async () => {
    const path = await fileWith(JSON.stringify({ name: 'lab', brokers: [{ id: 'a', label: 'A', url: 'mqtt://h:1' }] }));
    const loaded = await readProfileFile(path);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.profile.brokers).toEqual([{ id: 'a', label: 'A', url: 'mqtt://h:1' }]);
      expect(loaded.profile.failover).toMatchObject({ mode: 'priority', probe: { intervalMs: 250, missesToDead: 3 } });
      expect(loaded.profile.topics.throttleData).toBe('throttleData');
      expect(loaded.profile.tls.verify).toBe(true);
    }
  });

  it('names the file and the problem for a missing file, bad JSON and a bad field', async () => {
    expect(await readProfileFile('/nonexistent/p.json')).toEqual({
      ok: false,
      error: 'Cannot read profile /nonexistent/p.json: no such file',
    });
    const bad = await readProfileFile(await fileWith('{"name": '));
    expect(bad.ok ? '' : bad.error).toMatch(/is not valid JSON/);
    const field = await readProfileFile(
      await fileWith('{"name":"x","brokers":[{"id":"a","label":"A","url":"ftp://h"}]}'),
    );
    expect(field.ok ? '' : field.error).toMatch(/brokers\.0\.url: scheme "ftp:" is not supported/);
  });

  it('refuses a file over 1 MB without reading it all: it is not a profile', async () => {
    const path = await fileWith(' '.repeat(2 * 1024 * 1024));
    expect(await readProfileFile(path)).toEqual({
      ok: false,
      error: `Profile ${path} is over 1 MB: that is not a profile`,
    });
  });
});
