import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFailoverUrl } from '../../../electron/core/profile/failover-url-import';
import { redactUrl } from '../../../electron/core/profile/failover-url-text';

function failure(url: string): { message: string; offset: number } {
  const result = importFailoverUrl(url);
  if (result.ok) throw new Error(`expected an error for ${url}`);
  return result.error;
}

const BASE = "amqp://u:p@c/v?brokerlist='tcp://h1:5672'";

describe('failover URL import: malformed URLs say what is wrong and where', () => {
  it.each([
    ['', 0, 'the URL is empty, at the end of the URL'],
    ['   ', 3, 'the URL is empty, at the end of the URL'],
    [
      "http://u:p@h/v?brokerlist='tcp://h:5672'",
      0,
      'unknown scheme "http": a classic failover URL starts with amqp://, at offset 0: "http://u:****@h/v?brokerlist=\'tc…"',
    ],
    [
      'tcp://h1:5672',
      0,
      'unknown scheme "tcp": a classic failover URL starts with amqp://, at offset 0: "tcp://h1:5672"',
    ],
    ['h1:5672', 0, 'this is not a classic failover URL: it should start with amqp://, at offset 0: "h1:5672"'],
    [
      'amqp://u:p@c/v',
      14,
      "the URL has no options; it needs a broker list, like ?brokerlist='tcp://host:5672', at the end of the URL",
    ],
    [
      "amqp://u:p@c/v?failover='roundrobin'",
      14,
      "the URL has no brokerlist option; add one, like brokerlist='tcp://host:5672', at offset 14: \"?failover='roundrobin'\"",
    ],
    ["amqp://u:p@c/v?brokerlist=''", 27, 'the brokerlist is empty, at offset 27: "\'"'],
  ])('%j → offset %i', (url, offset, message) => {
    expect(failure(url)).toEqual({ message, offset });
  });

  it('points at the opening quote of a value that is never closed', () => {
    const url =
      "amqp://u:p@c/v?failover='roundrobin'&brokerlist='tcp://h1:5672?retries='5'&connectdelay='50';tcp://h2:5672?retries='5'";
    const error = failure(url);
    expect(error.offset).toBe(url.indexOf("'tcp://h1"));
    expect(error.message).toMatch(
      /^unbalanced quote: the value of brokerlist that opens here is never closed, at offset 48: "'tcp:\/\/h1:5672\?retries='5'&conne…"$/,
    );
  });

  it('asks for quotes around a bare value', () => {
    const url = "amqp://u:p@c/v?failover=roundrobin&brokerlist='tcp://h1:5672'";
    expect(failure(url)).toEqual({
      message: `the value of failover must be in single quotes, like failover='…', at offset 24: "roundrobin&brokerlist='tcp://h1:…"`,
      offset: 24,
    });
  });

  it.each([
    [
      "amqp://u:p@c/v?brokerlist='tcp://h1:5672'&cylecount='2'",
      'cylecount',
      /^unknown option "cylecount" in the URL \(known here: brokerlist, failover, cyclecount, ssl, retries, connectdelay, connecttimeout, maxprefetch, /,
    ],
    [
      "amqp://u:p@c/v?brokerList='tcp://h1:5672'",
      'brokerList',
      /^unknown option "brokerList" in the URL \(did you mean brokerlist\?\)/,
    ],
    [
      "amqp://u:p@c/v?brokerlist='tcp://h1:5672?retry='5''",
      'retry',
      /^unknown option "retry" in broker 1 \(known here: ssl, retries, connectdelay, connecttimeout, heartbeat, /,
    ],
    [
      "amqp://u:p@c/v?failover='roundrobin?cycles='2''&brokerlist='tcp://h1:5672'",
      'cycles',
      /^unknown option "cycles" in the failover method \(known here: cyclecount\)/,
    ],
  ])('names an unknown option: %s', (url, key, message) => {
    const error = failure(url);
    expect(error.offset).toBe(url.indexOf(key));
    expect(error.message).toMatch(message);
  });

  it.each([
    ['tcp://h1:99999', '99999', 'bad port "99999" for broker 1 (use 1–65535)'],
    ['tcp://h1:0', '0', 'bad port "0" for broker 1 (use 1–65535)'],
    ['tcp://h1:abc', 'abc', 'bad port "abc" for broker 1 (use 1–65535)'],
    ['tcp://h1:', "'", 'broker 1 has ":" but no port'],
    ['tcp://[::1]:x', 'x', 'bad port "x" for broker 1 (use 1–65535)'],
    ['tcp://[::1]5672', '5672', 'expected ":" and a port after "]"'],
    ['vm://h1:5672', 'vm', 'unknown scheme "vm" for broker 1 (use tcp:// or ssl://)'],
    ['tcp://fe80::1:5672', 'fe80', 'an IPv6 address must be written in brackets, like tcp://[fe80::1:5672]:5672'],
    ['tcp://[fe80::zz]:5672', 'fe80', '"fe80::zz" is not an IPv6 address'],
    ['tcp://[::1:5672', '[', '"[" without "]" in the IPv6 address of broker 1'],
    ['tcp://h_1!:5672', 'h_1', '"h_1!" is not a valid host name or address'],
    ['tcp://300.1.1.1:5672', '300', '"300.1.1.1" is not a valid IPv4 address'],
    ['tcp://:5672', ':5672', '"" is not a valid host name or address'],
    ['tcp://', "'", 'broker 1 has no host'],
    ['tcp://h1:5672/carbon', '/carbon', 'unexpected path "/carbon" after the address of broker 1'],
    [
      'tcp://${carbon.local.ip}:${jms.port}',
      '${',
      "broker 1 has a configuration placeholder instead of an address; put the traffic manager's host and port here",
    ],
  ])('refuses the broker %s', (broker, fragment, reason) => {
    const url = `amqp://u:p@c/v?brokerlist='${broker}'`;
    const error = failure(url);
    expect(error.offset).toBe(url.indexOf(fragment, 27));
    expect(error.message.startsWith(`${reason}, at `)).toBe(true);
  });

  it('points at an empty broker entry', () => {
    for (const list of ['tcp://h1:5672;;tcp://h2:5672', 'tcp://h1:5672;', ';tcp://h1:5672']) {
      const url = `amqp://u:p@c/v?brokerlist='${list}'`;
      const error = failure(url);
      expect(error.message).toMatch(/^broker \d is empty \(two ";" in a row, or a ";" at the end\?\)/);
      expect(url[error.offset - 1] === ';' || url[error.offset] === ';').toBe(true);
    }
  });

  it.each([
    ["retries='five'", "retries='five' is not a whole number"],
    ["retries='-1'", "retries='-1' is not a whole number"],
    ["connectdelay='1.5'", "connectdelay='1.5' is not a whole number"],
    ["ssl='yes'", "ssl='yes' must be 'true' or 'false'"],
  ])('refuses the broker option %s', (option, reason) => {
    const url = `amqp://u:p@c/v?brokerlist='tcp://h1:5672?${option}'`;
    const error = failure(url);
    expect(error.offset).toBe(url.indexOf(option) + option.indexOf("'") + 1);
    expect(error.message.startsWith(`${reason}, at offset ${error.offset}`)).toBe(true);
  });

  it.each([
    [
      "connecttimeout='50'",
      'connecttimeout',
      /^connecttimeout='50' is out of range: Too small: expected number to be >=100, at offset /,
    ],
    [
      "cyclecount='0'",
      'cyclecount',
      /^cyclecount='0' is out of range: Too small: expected number to be >=1, at offset /,
    ],
    ["retries='5000'", 'retries', /^retries='5000' is out of range: Too big: expected number to be <=1000, at offset /],
  ])('points at a value outside what a profile accepts: %s', (option, key, message) => {
    const url = `amqp://u:p@c/v?${option}&brokerlist='tcp://h1:5672'`;
    const error = failure(url);
    expect(error.offset).toBe(url.indexOf(key) + key.length + 2);
    expect(error.message).toMatch(message);
  });

  it.each([
    ["failover='random'", 'random', 'unknown failover method "random" (use roundrobin, singlebroker or nofailover)'],
    ["failover=''", "'&", 'the failover method is empty'],
  ])('refuses %s', (option, fragment, reason) => {
    const url = `amqp://u:p@c/v?${option}&brokerlist='tcp://h1:5672'`;
    const error = failure(url);
    expect(error.offset).toBe(url.indexOf(fragment));
    expect(error.message.startsWith(`${reason}, at `)).toBe(true);
  });

  it('catches a repeated option, a quote too many, a dangling "&" and a missing "&"', () => {
    const repeated = `${BASE}&brokerlist='tcp://h2:5672'`;
    expect(failure(repeated)).toMatchObject({ offset: repeated.lastIndexOf('brokerlist') });
    expect(failure(repeated).message).toMatch(/^the option brokerlist is given twice in the URL/);

    const extraQuote = `${BASE}'`;
    expect(failure(extraQuote)).toMatchObject({ offset: extraQuote.length - 1 });
    expect(failure(extraQuote).message).toMatch(/^one quote too many after the value of brokerlist/);

    const dangling = `${BASE}&`;
    expect(failure(dangling)).toMatchObject({
      offset: dangling.length - 1,
      message: expect.stringMatching(/^nothing follows "&" in the URL/),
    });

    const glued = `${BASE}failover='roundrobin'`;
    expect(failure(glued)).toMatchObject({
      offset: BASE.length,
      message: expect.stringMatching(/^expected "&" after the value of brokerlist, found "f"/),
    });

    const nameless = "amqp://u:p@c/v?='x'&brokerlist='tcp://h1:5672'";
    expect(failure(nameless)).toMatchObject({
      offset: 15,
      message: expect.stringMatching(/^an option in the URL has no name/),
    });

    const noEquals = "amqp://u:p@c/v?brokerlist&x='1'";
    expect(failure(noEquals)).toMatchObject({
      offset: 15,
      message: expect.stringMatching(/^expected an option like name='value' in the URL/),
    });
  });

  it('refuses a password without a username', () => {
    expect(failure("amqp://:secret@c/v?brokerlist='tcp://h1:5672'")).toEqual({
      message: 'the URL has a password but no username, at offset 7: ":****@c/v?brokerlist=\'tcp://h1:5…"',
      offset: 7,
    });
  });

  it('refuses more than 32 brokers, pointing at the 33rd', () => {
    const list = Array.from({ length: 33 }, (_, i) => `tcp://h${i}:5672`).join(';');
    const url = `amqp://u:p@c/v?brokerlist='${list}'`;
    expect(failure(url)).toMatchObject({
      offset: url.indexOf('tcp://h32:'),
      message: expect.stringMatching(/^more than 32 brokers; a profile holds at most 32/),
    });
  });

  it('refuses a URL longer than 16384 characters', () => {
    expect(failure(`${BASE}&x='${'y'.repeat(16_400)}'`)).toEqual({
      message: `the URL is ${BASE.length + 16_405} characters long; at most 16384 are accepted`,
      offset: 16_384,
    });
  });

  it('counts offsets in the URL as pasted, %26 taking three characters', () => {
    const url =
      "amqp://u:p@c/v?failover='roundrobin'%26cyclecount='2'%26brokerlist='tcp://h1:5672?retries='5'%26connectdelay='x''";
    const error = failure(url);
    expect(error.offset).toBe(url.indexOf("'x'") + 1);
    expect(url[error.offset]).toBe('x');
    expect(error.message).toBe(`connectdelay='x' is not a whole number, at offset ${error.offset}: "x''"`);
  });

  it('never shows the password in an error', () => {
    for (const url of [
      "amqp://admin:Sup3rS3cret@c/v?brokerlist='tcp://h1:99999'",
      'amqp://admin:Sup3rS3cret@c/v',
      "amqp://admin:Sup3rS3cret@c/v?brokerlist='tcp://h1:5672",
      'amqp://admin:Sup3r%26S3cret@c/v?x',
    ]) {
      const error = failure(url);
      expect(error.message).not.toMatch(/Sup3r|S3cret/);
    }
  });
});

describe('redacting a URL for display', () => {
  it('replaces the password with **** and moves offsets after it', () => {
    const url = "amqp://admin:longpassword@c/v?brokerlist='x'";
    const shown = redactUrl(url, url.indexOf('brokerlist'));
    expect(shown.text).toBe("amqp://admin:****@c/v?brokerlist='x'");
    expect(shown.text.slice(shown.offset)).toBe("brokerlist='x'");
    expect(redactUrl(url, 3)).toEqual({ text: shown.text, offset: 3 });
    expect(redactUrl(url, url.indexOf('password'))).toEqual({ text: shown.text, offset: url.indexOf('longpassword') });
    expect(redactUrl('amqp://c/v?x', 4)).toEqual({ text: 'amqp://c/v?x', offset: 4 });
  });
});

describe('failover URL import: any input', () => {
  it('never throws, and every error offset lies within the URL', () => {
    const pieces = fc.constantFrom(
      'amqp://',
      'u:p@',
      'c/v',
      '?',
      '&',
      '%26',
      ',',
      ';',
      "'",
      '=',
      'brokerlist=',
      'failover=',
      'cyclecount=',
      'retries=',
      'roundrobin',
      'tcp://',
      'ssl://',
      'h1',
      ':5672',
      '[::1]',
      '5',
      '${x}',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 30 }), (parts) => {
        const url = parts.join('');
        const result = importFailoverUrl(url);
        if (!result.ok) {
          expect(result.error.offset).toBeGreaterThanOrEqual(0);
          expect(result.error.offset).toBeLessThanOrEqual(url.length);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('imports any list of well-formed brokers in order', () => {
    const host = fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
      fc.ipV4(),
      fc.ipV6().map((address) => `[${address}]`),
    );
    const entry = fc.record({ scheme: fc.constantFrom('tcp', 'ssl'), host, port: fc.integer({ min: 1, max: 65_535 }) });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.boolean(), (entries, encoded) => {
        const list = entries.map((e) => `${e.scheme}://${e.host}:${e.port}?retries='1'&connectdelay='10'`).join(';');
        let url = `amqp://u:p@c/v?failover='roundrobin'&brokerlist='${list}'`;
        if (encoded) url = url.replaceAll('&', '%26');
        const result = importFailoverUrl(url);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const expected = entries.map((e) => {
          const port = e.port === 5672 ? 1883 : e.port === 5671 ? 8883 : e.port;
          return new URL(`${e.scheme === 'ssl' ? 'mqtts' : 'mqtt'}://${e.host}:${port}`).href.replace(/\/$/, '');
        });
        const got = result.profile.brokers.map((b) => new URL(b.url).href.replace(/\/$/, ''));
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
