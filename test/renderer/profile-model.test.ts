import { describe, expect, it } from 'vitest';
import { FailoverSchema, ProfileSchema, TopicsSchema } from '../../electron/core/profile/profile-schema';
import { moveRow, newBrokerRow } from '../../renderer/src/lib/profile/broker-rows';
import { caretExcerpt } from '../../renderer/src/lib/profile/caret-excerpt';
import { draftToProfile } from '../../renderer/src/lib/profile/draft-to-profile';
import { placeErrors } from '../../renderer/src/lib/profile/field-errors';
import {
  DEFAULT_FAILOVER,
  DEFAULT_KEEPALIVE_SEC,
  DEFAULT_MQTT_VERSION,
  DEFAULT_TOPICS,
} from '../../electron/core/profile/profile-defaults';
import { draftFromProfile, emptyDraft } from '../../renderer/src/lib/profile/profile-draft';
import { secretRequest } from '../../renderer/src/lib/profile/secret-edit';
import { secretVariable } from '../../electron/core/profile/secret-variable';
import { storedProfile } from '../support/profile-fixtures';

describe('profile defaults', () => {
  it('are what the core schema fills in, so the editor shows what a save applies', () => {
    expect(DEFAULT_FAILOVER).toEqual(FailoverSchema.parse({}));
    expect(DEFAULT_TOPICS).toEqual(TopicsSchema.parse({}));
    const minimal = ProfileSchema.parse({ name: 'x', brokers: [{ id: 'a', label: 'A', url: 'mqtt://h' }] });
    expect(minimal.keepaliveSec).toBe(DEFAULT_KEEPALIVE_SEC);
    expect(minimal.mqttVersion).toBe(DEFAULT_MQTT_VERSION);
    expect(minimal.tls.verify).toBe(true);
  });
});

describe('draftToProfile', () => {
  it('leaves out empty optional text and empty numbers, so the core applies its defaults', () => {
    const draft = emptyDraft(1);
    draft.name = '  Lab  ';
    draft.brokers[0] = { key: 1, id: 'tm1', label: 'TM 1', url: ' mqtt://127.0.0.1:1883 ', tlsServerName: '' };
    const converted = draftToProfile(draft);
    expect(converted).toEqual({
      ok: true,
      profile: {
        name: 'Lab',
        brokers: [{ id: 'tm1', label: 'TM 1', url: 'mqtt://127.0.0.1:1883' }],
        tls: { verify: true },
        mqttVersion: '3.1.1',
        failover: { mode: 'priority', backoff: { jitter: true }, probe: {} },
        topics: {},
      },
    });
    if (!converted.ok) return;
    expect(ProfileSchema.parse(converted.profile)).toEqual(
      ProfileSchema.parse({ name: 'Lab', brokers: [{ id: 'tm1', label: 'TM 1', url: 'mqtt://127.0.0.1:1883' }] }),
    );
  });

  it('gives back the stored profile from its own draft, secrets references aside', () => {
    const profile = storedProfile({
      username: 'ops',
      passwordRef: 'r1',
      tls: { caFile: '/etc/ca.pem', serverName: 'tm.example', verify: false, keyPassphraseRef: 'r2' },
      mqttVersion: '5',
      keepaliveSec: 30,
      failover: {
        mode: 'sticky',
        retries: 7,
        backoff: { initialMs: 100, maxMs: 2_000, multiplier: 1.5, jitter: false },
        probe: { intervalMs: 500, missesToDead: 4 },
      },
      topics: { sync: 'ops/sync' },
    });
    const converted = draftToProfile(draftFromProfile(profile, 1));
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    const { passwordRef: _p, ...withoutRef } = profile;
    const { keyPassphraseRef: _k, ...tls } = profile.tls;
    expect(ProfileSchema.parse(converted.profile)).toEqual({ ...withoutRef, tls });
  });

  it('refuses text in a number field, naming the path and the default, and sends nothing', () => {
    const draft = draftFromProfile(storedProfile(), 1);
    draft.numbers['failover.probe.intervalMs'] = '250ms';
    draft.numbers.keepaliveSec = ' 15 ';
    expect(draftToProfile(draft)).toEqual({
      ok: false,
      issues: [
        {
          path: 'failover.probe.intervalMs',
          message: '"250ms" is not a number: enter one, or leave it empty for the default (250)',
        },
      ],
    });
  });

  it('sends numbers the core must judge (out of range, fractions) as numbers', () => {
    const draft = draftFromProfile(storedProfile(), 1);
    draft.numbers['failover.retries'] = '-1';
    draft.numbers['failover.backoff.multiplier'] = '1.5';
    const converted = draftToProfile(draft);
    expect(converted.ok && converted.profile['failover']).toMatchObject({ retries: -1, backoff: { multiplier: 1.5 } });
  });
});

describe('placeErrors', () => {
  it('puts each error under the field its path names and the rest in the summary', () => {
    const fields = new Set(['name', 'brokers.1.url']);
    const placed = placeErrors(
      [
        { path: 'brokers.1.url', message: 'scheme "http:" is not supported' },
        { path: 'name', message: 'a profile named "Lab" already exists' },
        { path: 'brokers.1.url', message: 'second' },
        { path: '', message: 'the profiles file cannot be written' },
        { path: 'failover', message: 'odd' },
      ],
      (path) => fields.has(path),
    );
    expect(Object.fromEntries(placed.byPath)).toEqual({
      'brokers.1.url': ['scheme "http:" is not supported', 'second'],
      name: ['a profile named "Lab" already exists'],
    });
    expect(placed.unplaced).toEqual([
      { path: '', message: 'the profiles file cannot be written' },
      { path: 'failover', message: 'odd' },
    ]);
  });
});

describe('broker rows', () => {
  it('moves a row up or down and leaves the list alone at an edge', () => {
    expect(moveRow(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveRow(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveRow(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('gives a new row the first free tmN id', () => {
    const row = (key: number, id: string) => ({ key, id, label: id, url: '', tlsServerName: '' });
    expect(newBrokerRow([row(1, 'tm1'), row(2, 'tm3')], 9)).toEqual({
      key: 9,
      id: 'tm4',
      label: 'Traffic manager 4',
      url: '',
      tlsServerName: '',
    });
    expect(newBrokerRow([row(1, 'primary')], 2).id).toBe('tm2');
  });
});

describe('secretRequest', () => {
  it('keeps (absent), replaces (the text as typed) or removes (null)', () => {
    expect(secretRequest({ value: '', remove: false })).toBeUndefined();
    expect(secretRequest({ value: ' s3cret ', remove: false })).toBe(' s3cret ');
    expect(secretRequest({ value: '', remove: true })).toBeNull();
    expect(secretRequest({ value: 'typed', remove: true })).toBeNull();
  });

  it('names the variable a host without a keychain reads', () => {
    expect(secretVariable('secret-12ab-x.y')).toBe('TMC_SECRET_SECRET_12AB_X_Y');
  });
});

describe('caretExcerpt', () => {
  it('puts the caret under the character at the offset', () => {
    const text = "amqp://u:p@c/v?brokerlist='tcp://h:56x72'";
    const offset = text.indexOf('x');
    const excerpt = caretExcerpt(text, offset);
    expect(excerpt.text).toBe(text);
    expect(excerpt.caret.length - 1).toBe(offset);
    expect(excerpt.text[excerpt.caret.length - 1]).toBe('x');
  });

  it('cuts a long paste around the offset and keeps the caret aligned past the ellipsis', () => {
    const text = `${'a'.repeat(200)}X${'b'.repeat(200)}`;
    const excerpt = caretExcerpt(text, 200, 40);
    expect(excerpt.text.startsWith('…')).toBe(true);
    expect(excerpt.text.endsWith('…')).toBe(true);
    expect(excerpt.text.length).toBe(42);
    expect(excerpt.text[excerpt.caret.length - 1]).toBe('X');
  });

  it('points past the end, and flattens line breaks so the caret stays under its character', () => {
    expect(caretExcerpt('abc', 3)).toEqual({ text: 'abc', caret: '   ^' });
    const excerpt = caretExcerpt('ab\ncd', 4);
    expect(excerpt.text).toBe('ab cd');
    expect(excerpt.text[excerpt.caret.length - 1]).toBe('d');
  });
});
