import { parsePortMap } from '../../../../electron/core/profile/port-map';
import { callFailureWords } from '../call-failure-words';
import type { ContractClient } from '../transport/contract-client';

/** Where in the URL sent an import error is; the page draws a caret under it. */
export interface ErrorSpot {
  text: string;
  offset: number;
}

/** The last import: the profile it made and what did not carry over, or what is wrong and where. */
export type ImportResult =
  | { ok: true; name: string; brokers: number; warnings: string[] }
  | { ok: false; message: string; spot: ErrorSpot | null };

/** Port map entries as typed: one per line, or separated by commas or spaces. */
export function portMapEntries(text: string): string[] {
  return text.split(/[\s,]+/).filter((entry) => entry !== '');
}

/** The paste box for a classic failover URL: the import creates and stores a profile. */
export class ProfileImport {
  url = $state('');
  portMap = $state('');
  name = $state('');
  pending = $state(false);
  result = $state<ImportResult | null>(null);
  /** A port map entry the core would refuse, checked here so the URL's caret is never confused with it. */
  portMapError = $state<string | null>(null);

  constructor(
    private readonly client: ContractClient,
    /** Called once a profile is imported (and stored). */
    private readonly imported: () => Promise<void>,
  ) {}

  async submit(): Promise<void> {
    if (this.pending) return;
    const url = this.url.trim();
    const portMap = portMapEntries(this.portMap);
    const checked = parsePortMap(portMap);
    this.portMapError = checked.ok ? null : checked.error;
    if (!checked.ok) return;
    if (url === '') {
      this.result = { ok: false, message: 'Paste a classic failover URL first (amqp://…brokerlist=…).', spot: null };
      return;
    }
    const name = this.name.trim();
    this.pending = true;
    try {
      const answer = await this.client.call('profiles.importUrl', { url, portMap, ...(name === '' ? {} : { name }) });
      if (!answer.ok) {
        this.result = { ok: false, message: callFailureWords('The import', answer.error), spot: null };
        return;
      }
      const value = answer.value;
      if (!value.ok) {
        const { message, offset } = value.error;
        this.result = { ok: false, message, spot: offset === null ? null : { text: url, offset } };
        return;
      }
      this.result = {
        ok: true,
        name: value.profile.name,
        brokers: value.profile.brokers.length,
        warnings: value.warnings,
      };
      this.url = '';
      this.portMap = '';
      this.name = '';
      await this.imported();
    } finally {
      this.pending = false;
    }
  }

  dismiss(): void {
    this.result = null;
  }
}
