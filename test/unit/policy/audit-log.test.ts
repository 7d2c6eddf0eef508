import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCsv, auditJson, csvCell } from '../../../electron/core/policy/audit-export';
import { createAuditLog } from '../../../electron/core/policy/audit-log';
import { pushRecord, syncRecord, type AuditRecord } from '../../../electron/core/policy/audit-record';
import { startPush, stepPush } from '../../../electron/core/policy/push-machine';
import { pushView } from '../../../electron/core/policy/push-view';
import { ack, DIGEST, plan, tmState } from './push-fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tmc-audit-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const context = { user: 'ops', source: 'app' as const, digest: DIGEST };

/** A push that failed over from tm1 to tm2 and synced on both. */
function failedOverViews() {
  const two = plan({ order: ['tm1', 'tm2'] });
  let state = startPush(two, 0, ['tm1', 'tm2']).state;
  state = stepPush(state, { type: 'link-down', brokerId: 'tm1', at: 100 }).state;
  state = stepPush(state, { type: 'ack', brokerId: 'tm2', at: 130, ack: ack('tm2', 'applied') }).state;
  const acked = pushView(state);
  state = stepPush(state, { type: 'link-up', brokerId: 'tm1', at: 200 }).state;
  for (const id of ['tm1', 'tm2'])
    state = stepPush(state, { type: 'state', brokerId: id, at: 900, state: tmState(id, 2) }).state;
  return { acked, synced: pushView(state) };
}

function record(n: number): AuditRecord {
  return { ...pushRecord(failedOverViews().acked, context, n), pushId: `push-${n}` } as AuditRecord;
}

describe('audit records', () => {
  it('records who, what, which TM acknowledged after which failovers, latency, and the sync outcome', () => {
    const { acked, synced } = failedOverViews();
    expect(pushRecord(acked, context, 140)).toEqual({
      v: 1,
      type: 'push',
      at: 140,
      user: 'ops',
      source: 'app',
      pushId: 'push-1',
      kind: 'policy.deploy',
      key: 'application:Gold',
      policy: 'Gold',
      subject: 'application policy "Gold"',
      revision: 2,
      digest: DIGEST,
      outcome: 'acknowledged',
      ackedBy: { brokerId: 'tm2', tmId: 'tm2', status: 'applied' },
      failovers: 1,
      attempts: [
        { brokerId: 'tm1', outcome: 'disconnected', detail: 'connection lost before an answer' },
        { brokerId: 'tm2', outcome: 'acknowledged', detail: null },
      ],
      latencyMs: 130,
      reasons: [],
    });
    expect(syncRecord(synced, context, 901)).toMatchObject({
      type: 'sync',
      outcome: 'synced',
      synced: 2,
      total: 2,
      lagging: [],
      afterMs: 900,
    });
  });
});

describe('audit log file', () => {
  it('appends one JSON line per record and reads pages newest first', async () => {
    const log = createAuditLog({ dir });
    for (let n = 1; n <= 5; n += 1) expect(await log.append(record(n))).toEqual({ ok: true });
    const lines = (await readFile(log.path, 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as AuditRecord).pushId)).toEqual([
      'push-1',
      'push-2',
      'push-3',
      'push-4',
      'push-5',
    ]);
    const first = await log.read(0, 2);
    expect([first.records.map((r) => r.pushId), first.total, first.nextOffset]).toEqual([['push-5', 'push-4'], 5, 2]);
    const last = await log.read(4, 2);
    expect([last.records.map((r) => r.pushId), last.nextOffset]).toEqual([['push-1'], null]);
  });

  it('rotates at its size cap, keeps the set number of old files, and reads across them', async () => {
    const size = JSON.stringify(record(1)).length + 1;
    const log = createAuditLog({ dir, maxFileBytes: size * 2, keepFiles: 2 });
    for (let n = 1; n <= 9; n += 1) await log.append(record(n));
    expect((await readdir(dir)).sort()).toEqual(['audit.1.ndjson', 'audit.2.ndjson', 'audit.ndjson']);
    const all = await log.readAll(100);
    // Two lines per file: 9 alone in the current one, 7–8 and 5–6 rotated, 1–4 gone.
    expect(all.records.map((r) => r.pushId)).toEqual(['push-9', 'push-8', 'push-7', 'push-6', 'push-5']);
  });

  it('skips lines it cannot read and says so; refuses records that are not records', async () => {
    const log = createAuditLog({ dir });
    await log.append(record(1));
    await appendFile(log.path, '{"type":"push","v":1,"at":\n');
    await log.append(record(2));
    const page = await log.read(0, 10);
    expect(page.records.map((r) => r.pushId)).toEqual(['push-2', 'push-1']);
    expect(page.warnings).toEqual([`${log.path}: 1 line could not be read and was skipped`]);
    expect(await log.append({ type: 'push' } as unknown as AuditRecord)).toMatchObject({ ok: false });
    expect(log.stats().failed).toBe(1);
  });

  it('keeps the next record when the last line was cut short without its newline (a crash mid-write)', async () => {
    const log = createAuditLog({ dir });
    await log.append(record(1));
    await appendFile(log.path, '{"type":"push","v":1,"at":');
    await log.append(record(2));
    await log.append(record(3));
    const page = await log.read(0, 10);
    expect(page.records.map((r) => r.pushId)).toEqual(['push-3', 'push-2', 'push-1']);
    expect(page.warnings).toEqual([`${log.path}: 1 line could not be read and was skipped`]);
  });
});

describe('audit records edited by hand', () => {
  it('skips a record whose time no date can hold, so the export of the others still works', async () => {
    const log = createAuditLog({ dir });
    await log.append(record(1));
    await appendFile(log.path, `${JSON.stringify({ ...record(2), at: 1e20 })}\n`);
    const page = await log.read(0, 10);
    expect(page.records.map((r) => r.pushId)).toEqual(['push-1']);
    expect(page.warnings).toEqual([`${log.path}: 1 line could not be read and was skipped`]);
    expect(auditCsv(page.records)).toContain(',push-1,');
  });
});

describe('audit export', () => {
  it('CSV with a header, quoted cells and defused formulas; JSON as stored', () => {
    const { acked, synced } = failedOverViews();
    const records = [pushRecord(acked, { ...context, user: '=cmd|calc' }, 0), syncRecord(synced, context, 0)];
    const [header, push, sync] = auditCsv(records).split('\r\n');
    expect(header).toBe(
      'at,type,user,source,pushId,kind,subject,key,revision,digest,outcome,ackedBy,failovers,attempts,latencyMs,synced,lagging,reasons',
    );
    expect(push).toBe(
      `1970-01-01T00:00:00.000Z,push,'=cmd|calc,app,push-1,policy.deploy,"application policy ""Gold""",application:Gold,2,${DIGEST},acknowledged,tm2 (applied),1,tm1:disconnected tm2:acknowledged,130,,,`,
    );
    expect(sync).toMatch(/,sync,ops,.*,synced,,,,900,2\/2,,$/);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(JSON.parse(auditJson(records))).toEqual(records);
  });
});
