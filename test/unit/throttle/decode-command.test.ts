import { describe, expect, it } from 'vitest';
import { runDecode } from '../../../electron/cli/commands/decode';
import { runTmc } from '../../support/cli-run';
import { splitLines } from '../../../electron/cli/commands/line-reader';
import { decision, envelope, FREE_TIER, WINDOW_END } from './payloads';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer | string> {
  for (const part of parts) yield part;
}

async function decodeLines(...parts: (string | Buffer)[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDecode([], { input: chunks(...parts), out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.map((line) => JSON.parse(line) as Record<string, unknown>), err };
}

describe('tmc decode', () => {
  it('prints one decoded object per payload line, without broker fields', async () => {
    const lines = [
      decision('/pizzashack/1.0.0/1.0.0/menu:GET_condition_1', 'true', String(WINDOW_END), FREE_TIER),
      envelope({
        blockingCondition: 'IPRANGE',
        conditionValue: '{"startingIp":"10.0.0.1","endingIp":"10.0.0.9","invert":false}',
        state: 'true',
        id: 3,
      }),
      envelope({ keyTemplateValue: '$userId:$apiContext:$apiVersion', keyTemplateState: 'add' }),
      decision('admin@carbon.super:/pizzashack/1.0.0:1.0.0', false),
      Buffer.from('{"event":{"payloadData":{"throttleKey":"k"}}}'),
    ].join('\n');
    const { code, out, err } = await decodeLines(`${lines}\n`);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      {
        type: 'decision',
        key: '/pizzashack/1.0.0/1.0.0/menu:GET_condition_1',
        level: 'resource',
        parts: {
          apiContext: '/pizzashack/1.0.0',
          apiVersion: '1.0.0',
          resource: '/menu',
          verb: 'GET',
          conditionGroup: '1',
          perUser: false,
        },
        isThrottled: true,
        expiryTimeStamp: WINDOW_END,
        conditions: [
          { kind: 'header', invert: false, values: [{ name: 'x-tier', value: 'free' }], text: 'header x-tier = free' },
        ],
      },
      {
        type: 'block',
        conditionType: 'IPRANGE',
        conditionValue: '{"startingIp":"10.0.0.1","endingIp":"10.0.0.9","invert":false}',
        value: {
          kind: 'ipRange',
          startingIp: '10.0.0.1',
          endingIp: '10.0.0.9',
          invert: false,
          text: 'IP range 10.0.0.1–10.0.0.9',
        },
        active: true,
        id: '3',
      },
      { type: 'keyTemplate', template: '$userId:$apiContext:$apiVersion', active: true },
      {
        type: 'decision',
        key: 'admin@carbon.super:/pizzashack/1.0.0:1.0.0',
        level: 'custom',
        parts: {
          user: 'admin@carbon.super',
          tenant: 'carbon.super',
          apiContext: '/pizzashack/1.0.0',
          apiVersion: '1.0.0',
        },
        isThrottled: false,
        expiryTimeStamp: WINDOW_END,
        conditions: [],
      },
      { type: 'rejected', code: 'missing-field', reason: '$.event.payloadData.isThrottled: missing' },
    ]);
  });

  it('joins lines split across chunks, takes CRLF, skips blank lines, and reads a last line without newline', async () => {
    const payload = decision('12:admin@carbon.super', true).toString();
    const { out } = await decodeLines(payload.slice(0, 10), `${payload.slice(10)}\r\n\n  \r\n`, payload);
    expect(out.map((o) => [o.type, o.key])).toEqual([
      ['decision', '12:admin@carbon.super'],
      ['decision', '12:admin@carbon.super'],
    ]);
  });

  it('reports an over-long line by its size and goes on with the next', async () => {
    const big = 'x'.repeat(40_000);
    const { out } = await decodeLines(big, big, '\n', decision('12:a@carbon.super', true));
    expect(out).toEqual([
      { type: 'rejected', code: 'too-large', reason: 'payload is 80000 bytes, over the 65536-byte cap' },
      expect.objectContaining({ type: 'decision', key: '12:a@carbon.super' }),
    ]);
  });

  it('fails with exit code 1 when stdin fails, and refuses arguments', async () => {
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.from('x');
      throw new Error('EIO');
    }
    const err: string[] = [];
    expect(await runDecode([], { input: broken(), out: () => undefined, err: (l) => err.push(l) })).toBe(1);
    expect(err).toEqual(['tmc decode: reading stdin failed: EIO']);
    expect(await runDecode(['file.txt'], { input: chunks(), out: () => undefined, err: (l) => err.push(l) })).toBe(2);
  });

  it('is reachable as `tmc decode`, listed in the help, with its own help', async () => {
    const decoded = await runTmc(['decode'], undefined, [decision('12:a@carbon.super', true)]);
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.out[0] ?? '')).toMatchObject({ type: 'decision', level: 'application' });
    expect((await runTmc(['--help'])).out.join('\n')).toMatch(/decode +decode throttleData payloads/);
    expect((await runTmc(['decode', '--help'])).out.at(-1)).toMatch(/^tmc decode — decode throttleData payloads/);
  });
});

describe('splitLines', () => {
  it('never holds more than the cap of one line', async () => {
    const seen: unknown[] = [];
    for await (const line of splitLines(chunks('a'.repeat(5), 'b'.repeat(5), '\nok\n'), 8)) {
      seen.push('bytes' in line ? line.bytes.toString() : line);
    }
    expect(seen).toEqual([{ tooLong: 10 }, 'ok']);
  });

  it('keeps a line of exactly the cap', async () => {
    const seen: unknown[] = [];
    for await (const line of splitLines(chunks('12345678\r\n'), 8))
      seen.push('bytes' in line ? line.bytes.toString() : line);
    expect(seen).toEqual(['12345678']);
  });
});
