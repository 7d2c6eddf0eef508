import { parsePortMap } from '../../../../electron/core/profile/port-map';
import type { Profile } from '../../../../electron/core/profile/profile-schema';
import { callFailureWords } from '../call-failure-words';
import { caretExcerpt, type CaretExcerpt } from '../profile/caret-excerpt';
import type { ContractClient } from '../transport/contract-client';

/** The last import: the profile it made and what did not carry over, or what is wrong and where. */
export type ImportResult =
  | { ok: true; name: string; brokers: number; warnings: string[] }
  | { ok: false; message: string; excerpt: CaretExcerpt | null };

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
    private readonly imported: (profile: Profile) => Promise<void>,
  ) {}

  async submit(): Promise<void> {
    if (this.pending) return;
    const url = this.url.trim();
    const portMap = portMapEntries(this.portMap);
    const checked = parsePortMap(portMap);
    this.portMapError = checked.ok ? null : checked.error;
    if (!checked.ok) return;
    if (url === '') {
      this.result = { ok: false, message: 'Paste a classic failover URL first (amqp://…brokerlist=…).', excerpt: null };
      return;
    }
    const name = this.name.trim();
    this.pending = true;
    try {
      const answer = await this.client.call('profiles.importUrl', { url, portMap, ...(name === '' ? {} : { name }) });
      if (!answer.ok) {
        this.result = { ok: false, message: callFailureWords('The import', answer.error), excerpt: null };
        return;
      }
      const value = answer.value;
      if (!value.ok) {
        this.result = { ok: false, message: value.error.message, excerpt: caretExcerpt(url, value.error.offset) };
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
      await this.imported(value.profile);
    } finally {
      this.pending = false;
    }
  }

  dismiss(): void {
    this.result = null;
  }
}
