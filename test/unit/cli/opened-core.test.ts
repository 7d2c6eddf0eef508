import { describe, expect, it } from 'vitest';
import type { CliContext, CoreOptions } from '../../../electron/cli/cli-context';
import { EXIT } from '../../../electron/cli/exit-codes';
import { withNamedProfile, withOpenedCore } from '../../../electron/cli/opened-core';
import type { AppCore } from '../../../electron/core/app-core';
import { ProfileSchema, type ProfileInput } from '../../../electron/core/profile/profile-schema';
import { createCliCore } from '../../support/cli-run';

// Real cores on a broker address where nothing listens (127.0.0.1:1): opening does not wait for
// a connection, so each case is quick; `stop` is counted to see that every path ends the core.

const profile = (extra: Partial<ProfileInput> = {}) =>
  ProfileSchema.parse({ name: 'unit', brokers: [{ id: 'tm1', label: 'TM 1', url: 'mqtt://127.0.0.1:1' }], ...extra });

function context() {
  const err: string[] = [];
  const made: { core: AppCore; options: CoreOptions | undefined; stops: number }[] = [];
  const ctx: CliContext = {
    io: { out: () => undefined, err: (line) => err.push(line) },
    input: (async function* () {})(),
    createCore: (options) => {
      const core = createCliCore(options);
      const entry = { core, options, stops: 0 };
      const stop = core.stop;
      core.stop = () => {
        entry.stops += 1;
        return stop();
      };
      made.push(entry);
      return core;
    },
    untilInterrupted: () => Promise.resolve(),
  };
  return { ctx, err, made };
}

describe('withOpenedCore', () => {
  it('runs on a fresh core with the profile open, returns its exit code, then stops the core', async () => {
    const { ctx, err, made } = context();
    let seen: string | undefined;
    const code = await withOpenedCore(ctx, 'tmc thing', profile(), (core) => {
      seen = core.cluster()?.snapshot().profileName;
      return Promise.resolve(EXIT.failed);
    });
    expect([code, seen, err]).toEqual([EXIT.failed, 'unit', []]);
    expect(made.map((m) => [m.options, m.stops])).toEqual([[undefined, 1]]);
    expect(made[0]?.core.cluster()).toBeUndefined();
  });

  it('passes the core options on, and stops the core when the run throws', async () => {
    const { ctx, made } = context();
    const failing = withOpenedCore(ctx, 'tmc thing', profile(), () => Promise.reject(new Error('boom')), {
      core: { dataDir: '/nowhere' },
    });
    await expect(failing).rejects.toThrow('boom');
    expect(made.map((m) => [m.options, m.stops])).toEqual([[{ dataDir: '/nowhere' }, 1]]);
  });

  it('says why a profile does not open, exits 3 without running, and stops the core', async () => {
    const { ctx, err, made } = context();
    let ran = false;
    const locked = profile({ username: 'ops', passwordRef: 'nowhere' });
    const code = await withOpenedCore(ctx, 'tmc thing', locked, () => {
      ran = true;
      return Promise.resolve(EXIT.ok);
    });
    expect([code, ran]).toEqual([EXIT.unreachable, false]);
    expect(err).toEqual([
      'tmc thing: The password is not in the secret store (reference "nowhere"): enter it again in the profile.',
    ]);
    expect(made.map((m) => m.stops)).toEqual([1]);
  });

  it('listens before the profile opens and stops listening before the core stops', async () => {
    const { ctx, made } = context();
    const steps: string[] = [];
    let linkSeen: () => void = () => undefined;
    const firstLink = new Promise<void>((resolve) => (linkSeen = resolve));
    const run = async (): Promise<number> => {
      await firstLink;
      return EXIT.ok;
    };
    await withOpenedCore(ctx, 'tmc thing', profile(), run, {
      listen: (core) => {
        steps.push(`listen, open: ${String(core.cluster() !== undefined)}`);
        const off = core.onClusterEvent((event) => {
          if (event.type !== 'link' || steps.includes('link')) return;
          steps.push('link');
          linkSeen();
        });
        return () => {
          steps.push(`unlisten, stops: ${made[0]?.stops ?? -1}`);
          off();
        };
      },
    });
    expect(steps).toEqual(['listen, open: false', 'link', 'unlisten, stops: 0']);
  });
});

describe('withNamedProfile', () => {
  it('opens the profile --broker names and hands it to the run', async () => {
    const { ctx, made } = context();
    let named: string[] = [];
    const code = await withNamedProfile(ctx, 'tmc thing', { broker: ['mqtt://127.0.0.1:1'] }, (core, chosen) => {
      named = [chosen.name, core.cluster()?.snapshot().profileName ?? 'closed'];
      return Promise.resolve(EXIT.ok);
    });
    expect([code, named]).toEqual([EXIT.ok, ['command line', 'command line']]);
    expect(made.map((m) => m.stops)).toEqual([1]);
  });

  it('refuses arguments that name no profile with exit 2, before making a core', async () => {
    const { ctx, err, made } = context();
    const code = await withNamedProfile(ctx, 'tmc thing', { broker: [] }, () => Promise.resolve(EXIT.ok));
    expect([code, err, made]).toEqual([
      EXIT.usage,
      ['tmc thing: give at least one --broker URL, or --profile FILE'],
      [],
    ]);
  });
});
