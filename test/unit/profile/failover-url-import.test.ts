import { describe, expect, it } from 'vitest';
import { importFailoverUrl, type FailoverUrlImport } from '../../../electron/core/profile/failover-url-import';
import { parsePortMap } from '../../../electron/core/profile/port-map';
import type { Profile } from '../../../electron/core/profile/profile-schema';

// The shape in the WSO2 API Manager documentation and its deployment.toml, `&` written as %26.
const WSO2_DOCS =
  "amqp://admin:admin@clientID/carbon?failover='roundrobin'%26cyclecount='2'%26brokerlist='tcp://localhost:5673?retries='5'%26connectdelay='50';tcp://localhost:5674?retries='5'%26connectdelay='50''";
const PLAIN =
  "amqp://USER:PASS@CLIENTID/VHOST?failover='roundrobin'&cyclecount='2'&brokerlist='tcp://h1:5672?retries='5'&connectdelay='50';tcp://h2:5672?retries='5'&connectdelay='50''";

function imported(result: FailoverUrlImport): { profile: Profile; password?: string; warnings: string[] } {
  if (!result.ok) throw new Error(`expected an import, got: ${result.error.message}`);
  return result;
}

const urls = (profile: Profile) => profile.brokers.map((b) => b.url);

describe('failover URL import: the documented shapes', () => {
  it('imports the WSO2 documentation URL written with %26', () => {
    const { profile, password, warnings } = imported(importFailoverUrl(WSO2_DOCS));
    expect(profile.brokers).toEqual([
      { id: 'tm1', label: 'localhost:5673', url: 'mqtt://localhost:5673' },
      { id: 'tm2', label: 'localhost:5674', url: 'mqtt://localhost:5674' },
    ]);
    expect(profile.username).toBe('admin');
    expect(password).toBe('admin');
    expect(profile).not.toHaveProperty('passwordRef');
    expect(profile.failover).toMatchObject({ mode: 'sticky', retries: 5, connectdelay: 50, cyclecount: 2 });
    expect(profile.failover.connecttimeout).toBe(5_000);
    expect(profile.name).toBe('Imported: localhost');
    expect(warnings).toEqual([expect.stringMatching(/^failover='roundrobin' became mode "sticky": stay on a traffic/)]);
  });

  it('imports the same URL with plain "&", mapping 5672 to 1883', () => {
    const { profile, password } = imported(importFailoverUrl(PLAIN));
    expect(urls(profile)).toEqual(['mqtt://h1:1883', 'mqtt://h2:1883']);
    expect(profile.brokers.map((b) => b.label)).toEqual(['h1:1883', 'h2:1883']);
    expect([profile.username, password]).toEqual(['USER', 'PASS']);
    expect(profile.failover).toMatchObject({ mode: 'sticky', retries: 5, connectdelay: 50, cyclecount: 2 });
  });

  it('gives the same profile whether "&" is written plainly, as %26, or mixed', () => {
    const mixed = PLAIN.replace('&cyclecount', '%26cyclecount').replace("'&connectdelay", "'%26connectdelay");
    const all = PLAIN.replaceAll('&', '%26');
    const expected = imported(importFailoverUrl(PLAIN)).profile;
    expect(imported(importFailoverUrl(mixed)).profile).toEqual(expected);
    expect(imported(importFailoverUrl(all)).profile).toEqual(expected);
  });

  it('reads cyclecount inside the failover value', () => {
    const url = "amqp://u:p@c/v?failover='roundrobin?cyclecount='3''&brokerlist='tcp://h1:5672'";
    const { profile, warnings } = imported(importFailoverUrl(url));
    expect(profile.failover.cyclecount).toBe(3);
    expect(warnings).toHaveLength(1);
  });

  it('uses the larger cyclecount when both places give one, and says so', () => {
    const url = "amqp://u:p@c/v?failover='roundrobin?cyclecount='3''&cyclecount='7'&brokerlist='tcp://h1:5672'";
    const { profile, warnings } = imported(importFailoverUrl(url));
    expect(profile.failover.cyclecount).toBe(7);
    expect(warnings).toContain('cyclecount is given twice (7 and 3); the largest, 7, is used.');
  });

  it('imports the Qpid test-suite URL: "," between options, no client id, a trailing slash', () => {
    const url =
      "amqp://ritchiem:bob@/test?brokerlist='tcp://localhost:5672;tcp://fancyserver:3000/',failover='roundrobin?cyclecount='100''";
    const { profile, password } = imported(importFailoverUrl(url));
    expect(urls(profile)).toEqual(['mqtt://localhost:1883', 'mqtt://fancyserver:3000']);
    expect(profile.failover.cyclecount).toBe(100);
    expect(password).toBe('bob');
  });

  it('works without failover: the classic default (roundrobin) becomes sticky, with a note', () => {
    const { profile, warnings } = imported(
      importFailoverUrl("amqp://u:p@c/v?brokerlist='tcp://h1:5672;tcp://h2:5672'"),
    );
    expect(profile.failover.mode).toBe('sticky');
    expect(warnings).toEqual([
      expect.stringMatching(
        /^No failover method was given \(the classic default is roundrobin\); it became mode "sticky"/,
      ),
    ]);
    expect(profile.failover).toMatchObject({ retries: 3, connectdelay: 0, cyclecount: 1 });
  });

  it.each(['nofailover', 'singlebroker'])('turns failover=%s into sticky with a warning', (method) => {
    const { profile, warnings } = imported(
      importFailoverUrl(`amqp://u:p@c/v?failover='${method}'&brokerlist='tcp://h1:5672'`),
    );
    expect(profile.failover.mode).toBe('sticky');
    expect(warnings[0]).toMatch(
      new RegExp(`^failover='${method}' has no equivalent here: .* the closest, mode "sticky"`),
    );
  });

  it('accepts surrounding spaces and the double quotes of a TOML or XML value', () => {
    expect(imported(importFailoverUrl(`  "${PLAIN}"\n`)).profile).toEqual(imported(importFailoverUrl(PLAIN)).profile);
  });
});

describe('failover URL import: brokers', () => {
  it('keeps the order and handles names, IPv4 and bracketed IPv6, with and without ports', () => {
    const url =
      "amqp://u:p@c/v?brokerlist='tcp://tm-1.example.com:5672;tcp://10.1.2.3:5672;tcp://[fd00::7]:5672;tcp://[::1];tcp://plainhost;10.9.9.9:6000'";
    const { profile } = imported(importFailoverUrl(url));
    expect(urls(profile)).toEqual([
      'mqtt://tm-1.example.com:1883',
      'mqtt://10.1.2.3:1883',
      'mqtt://[fd00::7]:1883',
      'mqtt://[::1]:1883',
      'mqtt://plainhost:1883',
      'mqtt://10.9.9.9:6000',
    ]);
    expect(profile.brokers.map((b) => b.id)).toEqual(['tm1', 'tm2', 'tm3', 'tm4', 'tm5', 'tm6']);
    expect(profile.brokers[2]?.label).toBe('[fd00::7]:1883');
  });

  it('turns ssl:// and ssl=true into mqtts://, mapping 5671 to 8883', () => {
    const url =
      "amqp://u:p@c/v?brokerlist='ssl://h1:5671;tcp://h2:5671?ssl='true';ssl://h3;tcp://h4:8000?ssl='TRUE';tcp://h5:5672?ssl='false''";
    expect(urls(imported(importFailoverUrl(url)).profile)).toEqual([
      'mqtts://h1:8883',
      'mqtts://h2:8883',
      'mqtts://h3:8883',
      'mqtts://h4:8000',
      'mqtt://h5:1883',
    ]);
  });

  it("lets a URL-level ssl override every broker's own, as the Qpid client does", () => {
    const url = "amqp://u:p@c/v?ssl='true'&brokerlist='tcp://h1:5672?ssl='false';tcp://h2:5672'";
    expect(urls(imported(importFailoverUrl(url)).profile)).toEqual(['mqtts://h1:1883', 'mqtts://h2:1883']);
  });

  it('applies a port map over the default mapping, matching hosts regardless of case', () => {
    const map = parsePortMap(['H1:5672=11883', '[::1]:5672=21883', 'ghost:5672=1']);
    if (!map.ok) throw new Error(map.error);
    const url = "amqp://u:p@c/v?brokerlist='tcp://h1:5672;tcp://[::1]:5672;tcp://h3:5672'";
    const { profile, warnings } = imported(importFailoverUrl(url, { portMap: map.map }));
    expect(urls(profile)).toEqual(['mqtt://h1:11883', 'mqtt://[::1]:21883', 'mqtt://h3:1883']);
    expect(warnings).toContain('The port map entry for ghost:5672 matches no broker in the list; it was not used.');
  });

  it('warns about two entries that point at the same broker', () => {
    const { warnings } = imported(
      importFailoverUrl("amqp://u:p@c/v?brokerlist='tcp://h1:5672;tcp://h2:5672;tcp://H1:5672'"),
    );
    expect(warnings).toContain('tm1 and tm3 both point at mqtt://h1:1883; one of them is probably a mistake.');
  });
});

describe('failover URL import: failover settings', () => {
  it('carries retries, connectdelay and connecttimeout', () => {
    const url =
      "amqp://u:p@c/v?brokerlist='tcp://h1:5672?retries='2'&connectdelay='500'&connecttimeout='8000';tcp://h2:5672?retries='2'&connectdelay='500'&connecttimeout='8000''";
    const { profile, warnings } = imported(importFailoverUrl(url));
    expect(profile.failover).toMatchObject({ retries: 2, connectdelay: 500, connecttimeout: 8_000 });
    expect(warnings).toHaveLength(1);
  });

  it('uses the largest value when brokers differ, and names each broker in the warning', () => {
    const url =
      "amqp://u:p@c/v?brokerlist='tcp://h1:5672?retries='5'&connectdelay='50';tcp://h2:5672?retries='9'&connectdelay='50';tcp://h3:5672?connectdelay='20''";
    const { profile, warnings } = imported(importFailoverUrl(url));
    expect(profile.failover).toMatchObject({ retries: 9, connectdelay: 50 });
    expect(warnings).toContain(
      'retries differs between brokers (tm1: 5, tm2: 9, tm3: not set); a profile uses one value for all brokers, so the largest, 9, is used.',
    );
    expect(warnings).toContain(
      'connectdelay differs between brokers (tm1: 50, tm2: 50, tm3: 20); a profile uses one value for all brokers, so the largest, 50, is used.',
    );
  });

  it('takes a URL-level value for brokers that set none', () => {
    const url = "amqp://u:p@c/v?retries='4'&brokerlist='tcp://h1:5672;tcp://h2:5672'";
    const { profile, warnings } = imported(importFailoverUrl(url));
    expect(profile.failover.retries).toBe(4);
    expect(warnings).toHaveLength(1);
  });
});

describe('failover URL import: credentials and leftovers', () => {
  it('returns the password apart from the profile and never puts it in the profile', () => {
    const { profile, password } = imported(importFailoverUrl(PLAIN.replace('USER:PASS', 'ops:Sup3r-Secret')));
    expect(password).toBe('Sup3r-Secret');
    expect(JSON.stringify(profile)).not.toContain('Sup3r-Secret');
  });

  it('percent-decodes the username and password (%26 included)', () => {
    const { profile, password } = imported(importFailoverUrl(PLAIN.replace('USER:PASS', 'op%40s:p%26ss%3Aw%2Fd')));
    expect(profile.username).toBe('op@s');
    expect(password).toBe('p&ss:w/d');
  });

  it('keeps a password with a stray "%" as written, with a warning that does not show it', () => {
    const { password, warnings } = imported(importFailoverUrl(PLAIN.replace('USER:PASS', 'u:100%sure')));
    expect(password).toBe('100%sure');
    expect(warnings[0]).toBe(
      'The password contains a "%" that is not followed by two hex digits; it was taken as written.',
    );
    expect(warnings.join(' ')).not.toContain('100%sure');
  });

  it('imports a URL without credentials', () => {
    const result = imported(importFailoverUrl("amqp://clientid/carbon?brokerlist='tcp://h1:5672'"));
    expect(result.profile.username).toBeUndefined();
    expect(result.password).toBeUndefined();
    expect(result).not.toHaveProperty('password');
  });

  it('warns about configuration placeholders left in the credentials', () => {
    const url = "amqp://${admin.username}:${admin.password}@clientid/carbon?brokerlist='tcp://h1:5672'";
    const { warnings } = imported(importFailoverUrl(url));
    expect(warnings).toContain(
      'The username is a configuration placeholder ("${…}"); replace it with the real username.',
    );
    expect(warnings).toContain(
      'The password is a configuration placeholder ("${…}"); replace it with the real password.',
    );
  });

  it('names the Qpid options that do not carry over, with advice for the TLS ones', () => {
    const url =
      "amqp://u:p@c/v?maxprefetch='1'&sync_publish='all'&brokerlist='ssl://h1:5671?trust_store='/x.jks'&trust_store_password='pw'&heartbeat='5';ssl://h2:5671?trust_store='/x.jks''";
    const { warnings } = imported(importFailoverUrl(url));
    expect(warnings).toContain('The option maxprefetch has no meaning for MQTT and was ignored.');
    expect(warnings).toContain('The option sync_publish has no meaning for MQTT and was ignored.');
    expect(warnings).toContain('The option heartbeat (tm1) has no meaning for MQTT and was ignored.');
    expect(warnings).toContain(
      "The TLS option trust_store (tm1, tm2) was not carried over: set the CA file, client certificate and key (PEM files) in the profile's TLS settings.",
    );
    expect(warnings.join(' ')).not.toContain("'pw'");
  });

  it('uses the given name, or one made from the hosts', () => {
    expect(imported(importFailoverUrl(PLAIN, { name: 'Production' })).profile.name).toBe('Production');
    const many = `amqp://u:p@c/v?brokerlist='${Array.from({ length: 20 }, (_, i) => `tcp://traffic-manager-${i}.example.com:5672`).join(';')}'`;
    const name = imported(importFailoverUrl(many)).profile.name;
    expect(name).toHaveLength(120);
    expect(name).toMatch(/^Imported: traffic-manager-0\.example\.com, .*…$/);
  });
});

describe('port map entries', () => {
  it('parses HOST:PORT=PORT with names, IPv4 and IPv6', () => {
    const map = parsePortMap(['tm1.example.com:5672=1883', '10.0.0.1:5672=11883', '[fd00::1]:5671=8883']);
    expect(map).toEqual({
      ok: true,
      map: new Map([
        ['tm1.example.com:5672', 1883],
        ['10.0.0.1:5672', 11883],
        ['[fd00::1]:5671', 8883],
      ]),
    });
  });

  it.each(['h1=1883', 'h1:5672', 'h1:5672=0', 'h1:70000=1883', ':5672=1883', 'h1:5672=abc', 'fd00::1:5672=1883'])(
    'refuses "%s" with the expected form',
    (entry) => {
      expect(parsePortMap([entry])).toEqual({
        ok: false,
        error: `port map entry "${entry}" is not HOST:PORT=PORT with ports 1–65535 (for example tm1.example.com:5672=1883)`,
      });
    },
  );

  it('refuses two different ports for the same broker', () => {
    expect(parsePortMap(['h1:5672=1', 'H1:5672=2'])).toEqual({
      ok: false,
      error: 'port map entry "H1:5672=2" contradicts an earlier one (h1:5672=1)',
    });
  });
});
