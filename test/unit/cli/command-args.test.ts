import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli';
import { parseCommandArgs, refuseUsage } from '../../../electron/cli/command-args';
import { PROFILE_OPTIONS } from '../../../electron/cli/profile-argument';

const USAGE = 'Usage: tmc thing --broker URL [--json] FILE…';
const SPEC = {
  name: 'tmc thing',
  usage: USAGE,
  options: { ...PROFILE_OPTIONS, json: { type: 'boolean', default: false } },
} as const;

function parse(argv: string[], positionals = true) {
  const out: string[] = [];
  const err: string[] = [];
  const args = parseCommandArgs({ out: (l) => out.push(l), err: (l) => err.push(l) }, { ...SPEC, positionals }, argv);
  return { args, out, err };
}

describe('parseCommandArgs', () => {
  it('gives the values, with defaults, and the operands', () => {
    const { args, out, err } = parse(['a.json', '--broker', 'mqtt://127.0.0.1:1', '--broker=mqtt://127.0.0.1:2', 'b']);
    expect(args).toEqual({
      ok: true,
      values: { broker: ['mqtt://127.0.0.1:1', 'mqtt://127.0.0.1:2'], json: false, help: false },
      positionals: ['a.json', 'b'],
    });
    expect([out, err]).toEqual([[], []]);
  });

  it('prints the usage for --help and -h and ends the command with exit 0', () => {
    for (const flag of ['--help', '-h']) {
      expect(parse(['--json', flag])).toEqual({ args: { ok: false, exit: EXIT.ok }, out: [USAGE], err: [] });
    }
  });

  it('refuses an unknown option with the parser reason and the usage, exit 2, even beside --help', () => {
    const { args, out, err } = parse(['--frob', '--help']);
    expect(args).toEqual({ ok: false, exit: EXIT.usage });
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^tmc thing: Unknown option '--frob'\..*\n\nUsage: tmc thing /s);
  });

  it('refuses operands when the command takes none, and an option missing its value', () => {
    const none = parse(['extra'], false);
    expect(none.args).toEqual({ ok: false, exit: EXIT.usage });
    expect(none.err[0]).toMatch(/^tmc thing: Unexpected argument 'extra'/);
    expect(parse(['--broker']).err[0]).toMatch(/^tmc thing: Option '--broker <value>' argument missing/);
  });
});

describe('refuseUsage', () => {
  it('prints "NAME: reason" on stderr and gives exit 2', () => {
    const err: string[] = [];
    const io = { out: () => expect.unreachable(), err: (l: string) => err.push(l) };
    expect(refuseUsage(io, 'tmc thing', 'name exactly one FILE')).toBe(EXIT.usage);
    expect(err).toEqual(['tmc thing: name exactly one FILE']);
  });
});
