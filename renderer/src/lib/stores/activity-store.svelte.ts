import type { SwitchEventPayload } from '../../../../electron/core/host/contract';
import type { AuditRecord } from '../../../../electron/core/policy/audit-record-schema';
import { keepLeading, type ListCaps } from '../bounded-list';
import { callFailureWords } from '../call-failure-words';
import type { SaveFile } from '../save-file';
import { mergeActivity, type ActivityItem } from '../policy/activity-merge';
import { mergeAuditRecords, mergeNewestPage } from '../policy/audit-records';
import type { ContractClient } from '../transport/contract-client';
import { CoalescedTask } from './coalesced-task';
import type { PushTracker } from './push-tracker.svelte';

/** Audit records are at most a few KB each; older pages beyond these caps are left to the export. */
export const AUDIT_CAPS: ListCaps = { count: 1_000, bytes: 1024 * 1024 };
export const AUDIT_PAGE = 50;
export const ACTIVITY_CAP = 500;

/** What Activity needs of the cluster: its switch timeline, newest last. */
export interface SwitchSource {
  readonly timeline: readonly SwitchEventPayload[];
}

/**
 * Activity: pushes (live from the push tracker, older ones from the audit log, paged with
 * `audit.read`), switches (the cluster's timeline) and problems, in one time-ordered list;
 * export of the whole audit log as CSV or JSON.
 */
export class ActivityStore {
  /** Newest first, without repeats, capped. */
  records = $state<AuditRecord[]>([]);
  recordsDropped = $state(0);
  /** Records in the audit log, as of the last read. */
  total = $state(0);
  /** More records are older than the ones held here. */
  hasOlder = $state(false);
  loadingOlder = $state(false);
  error = $state<string | null>(null);
  warnings = $state<string[]>([]);
  exporting = $state(false);
  exportOutcome = $state<{ done: boolean; message: string } | null>(null);

  readonly merged: { items: ActivityItem[]; left: number } = $derived.by(() =>
    mergeActivity(
      {
        pushes: this.pushes.views,
        records: this.records,
        switches: this.switches.timeline,
        problems: this.pushes.problems,
      },
      this.cap,
    ),
  );

  private readonly newest = new CoalescedTask(() => this.read(0));

  constructor(
    private readonly client: ContractClient,
    private readonly switches: SwitchSource,
    private readonly pushes: PushTracker,
    private readonly saveFile: SaveFile,
    private readonly caps: ListCaps = AUDIT_CAPS,
    private readonly cap = ACTIVITY_CAP,
  ) {}

  connect(): () => void {
    const offEvents = this.client.onEvents((batch) => {
      const audit = batch.events.some((e) => e.name === 'policies.changed' && e.payload.what === 'audit');
      if (audit || batch.dropped > 0) void this.loadNewest();
    });
    const offStatus = this.client.onStatus((status) => {
      if (status === 'open') void this.loadNewest();
    });
    return () => {
      offEvents();
      offStatus();
    };
  }

  /** The newest page of the audit log, merged with what is held. */
  loadNewest(): Promise<void> {
    return this.newest.run();
  }

  /** The page after the records held: the log is newest first, so that is the older ones. */
  async loadOlder(): Promise<void> {
    if (this.loadingOlder || !this.hasOlder) return;
    this.loadingOlder = true;
    try {
      await this.read(this.records.length);
    } finally {
      this.loadingOlder = false;
    }
  }

  async exportAudit(format: 'csv' | 'json'): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    try {
      const result = await this.client.call('audit.export', { format });
      if (!result.ok) {
        this.exportOutcome = { done: false, message: callFailureWords('The export', result.error) };
        return;
      }
      const file = result.value;
      if (file.records > 0)
        this.saveFile({
          fileName: file.fileName,
          text: file.text,
          type: format === 'csv' ? 'text/csv' : 'application/json',
        });
      const notes = [
        file.truncated > 0 ? `${file.truncated} older records left out to keep the file under its size cap` : '',
        ...file.warnings,
      ].filter((note) => note !== '');
      this.exportOutcome = {
        done: file.records > 0 && notes.length === 0,
        message:
          file.records === 0
            ? `Nothing to export: the audit log is empty.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`
            : `Exported ${file.records} ${file.records === 1 ? 'record' : 'records'} to ${file.fileName}.${notes.length > 0 ? ` ${notes.join('; ')}.` : ''}`,
      };
    } finally {
      this.exporting = false;
    }
  }

  private async read(offset: number): Promise<void> {
    const result = await this.client.call('audit.read', { offset, limit: AUDIT_PAGE });
    if (!result.ok) {
      this.error = `The audit log could not be read: ${result.error.message}`;
      return;
    }
    const page = result.value;
    this.error = null;
    this.warnings = page.warnings;
    this.total = page.total;
    const merged =
      offset === 0
        ? mergeNewestPage(this.records, page.records, AUDIT_PAGE)
        : mergeAuditRecords(this.records, page.records);
    const { kept, dropped } = keepLeading(merged, this.caps);
    this.records = kept;
    this.recordsDropped += dropped;
    this.hasOlder = dropped === 0 && kept.length < page.total;
  }
}
