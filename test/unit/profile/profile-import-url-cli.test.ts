import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli';
import { PROFILE_IMPORT_URL_USAGE } from '../../../electron/cli/commands/profile-import-url';
import { importFailoverUrl } from '../../../electron/core/profile/failover-url-import';
import { runTmc } from '../../support/cli-run';

const URL =
  "amqp://admin:S3cret-pw@clientID/carbon?failover='roundrobin'%26cyclecount='2'%26brokerlist='tcp://tm1.lan:5672?retries='5'%26connectdelay='50';tcp://tm2.lan:5672?retries='5'%26connectdelay='50''";

const tmc = (...argv: string[]) => runTmc(argv);

describe('tmc profile import-url', () => {
  it('prints the profile as pretty JSON, warnings on stderr, and never the password', async () => {
    const { code, out, err } = await tmc('profile', 'import-url', URL);
    expect(code).toBe(EXIT.ok);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('\n  "name": "Imported: tm1.lan, tm2.lan",\n');
    const expected = importFailoverUrl(URL);
    expect(expected.ok && JSON.parse(out[0] ?? '')).toEqual(expected.ok && expected.profile);
    expect(err).toEqual([
      expect.stringMatching(/^warning: failover='roundrobin' became mode "sticky"/),
      'note: the URL holds a password; it is not printed (add --show-secrets to print it).',
    ]);
    expect([...out, ...err].join('\n')).not.toContain('S3cret-pw');
  });

  it('prints the password beside the profile only with --show-secrets', async () => {
    const { code, out } = await tmc('profile', 'import-url', '--show-secrets', URL);
    expect(code).toBe(EXIT.ok);
    const printed = JSON.parse(out[0] ?? '') as { profile: { username: string }; password: string };
    expect(Object.keys(printed)).toEqual(['profile', 'password']);
    expect(printed.password).toBe('S3cret-pw');
    expect(printed.profile.username).toBe('admin');
  });

  it('applies --port-map (repeated, with a space or "=") and --name', async () => {
    const { code, out, err } = await tmc(
      'profile',
      'import-url',
      URL,
      '--port-map',
      'tm1.lan:5672=11883',
      '--port-map=tm2.lan:5672=21883',
      '--name=Production',
    );
    expect(code).toBe(EXIT.ok);
    const profile = JSON.parse(out[0] ?? '') as { name: string; brokers: { url: string }[] };
    expect(profile.name).toBe('Production');
    expect(profile.brokers.map((b) => b.url)).toEqual(['mqtt://tm1.lan:11883', 'mqtt://tm2.lan:21883']);
    expect(err).toHaveLength(2);
  });

  it('shows a malformed URL with a caret under the offending spot, password masked, and exits 2', async () => {
    const bad = "amqp://admin:S3cret-pw@c/carbon?brokerlist='tcp://tm1.lan:5672;tcp://tm2.lan:99999'";
    const { code, out, err } = await tmc('profile', 'import-url', bad);
    expect(code).toBe(EXIT.usage);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `tmc profile import-url: bad port "99999" for broker 2 (use 1–65535), at offset ${bad.indexOf('99999')}: "99999'"`,
      "  amqp://admin:****@c/carbon?brokerlist='tcp://tm1.lan:5672;tcp://tm2.lan:99999'",
      `  ${' '.repeat(bad.indexOf('99999') - 'S3cret-pw'.length + 4)}^`,
    ]);
    const caret = err[2]?.indexOf('^') ?? -1;
    expect(err[1]?.slice(caret, caret + 5)).toBe('99999');
  });

  it.each([
    [[], 'no URL given'],
    [[URL, URL], 'expected one URL, got 2 (put the URL in double quotes)'],
    [[URL, '--frobnicate'], 'unknown option "--frobnicate"'],
    [[URL, '--port-map'], '--port-map needs a value'],
    [[URL, '--name'], '--name needs a value'],
  ])('refuses %j with exit code 2 and the usage', async (args, problem) => {
    const { code, out, err } = await tmc('profile', 'import-url', ...args);
    expect(code).toBe(EXIT.usage);
    expect(out).toEqual([]);
    expect(err).toEqual([`tmc profile import-url: ${problem}.`, PROFILE_IMPORT_URL_USAGE]);
  });

  it('refuses a bad --port-map entry or name with exit code 2', async () => {
    expect(await tmc('profile', 'import-url', URL, '--port-map', 'tm1.lan=1883')).toEqual({
      code: EXIT.usage,
      out: [],
      err: [
        'tmc profile import-url: --port-map: port map entry "tm1.lan=1883" is not HOST:PORT=PORT with ports 1–65535 (for example tm1.example.com:5672=1883).',
      ],
    });
    expect(await tmc('profile', 'import-url', URL, '--name', '')).toEqual({
      code: EXIT.usage,
      out: [],
      err: ['tmc profile import-url: --name: Too small: expected string to have >=1 characters.'],
    });
  });

  it('prints its usage with --help, and the main help lists it', async () => {
    expect(await tmc('profile', 'import-url', '--help')).toEqual({
      code: EXIT.ok,
      out: [PROFILE_IMPORT_URL_USAGE],
      err: [],
    });
    expect((await tmc('--help')).out.join('\n')).toMatch(/^ {2}profile +profile import-url "URL": a profile \(JSON\)/m);
  });

  it('refuses an unknown profile subcommand', async () => {
    expect(await tmc('profile', 'export')).toEqual({
      code: EXIT.usage,
      out: [],
      err: ['tmc profile: unknown subcommand "export". Available: import-url.'],
    });
  });
});
