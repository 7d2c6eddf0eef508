import type { CallIssue } from '../../../../electron/core/host/call-result';
import { callFailureWords } from '../call-failure-words';
import type { SaveFile } from '../save-file';
import type { ContractClient } from '../transport/contract-client';

/** What `policies.import` takes at once. */
export const MAX_IMPORT_FILES = 20;
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** A file the operator picked: a browser File fits. */
export interface PickedFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** One policy of an imported file: saved under its key, or refused with its errors. */
export type ImportLine =
  | { ok: true; file: string; index: number | null; key: string; revision: number; unchanged: boolean }
  | { ok: false; file: string; index: number | null; errors: CallIssue[] };

export interface FilesOutcome {
  done: boolean;
  message: string;
}

/** Import of policy files into the catalog (per-file results) and export as downloads. */
export class PolicyFiles {
  importing = $state(false);
  lines = $state<ImportLine[]>([]);
  importOutcome = $state<FilesOutcome | null>(null);
  exportOutcome = $state<FilesOutcome | null>(null);

  constructor(
    private readonly client: ContractClient,
    private readonly saveFile: SaveFile,
    /** Called after an import that saved anything. */
    private readonly imported: () => Promise<void>,
  ) {}

  async importFiles(picked: readonly PickedFile[]): Promise<void> {
    if (this.importing || picked.length === 0) return;
    this.importing = true;
    try {
      const refused: ImportLine[] = [];
      const files: { name: string; text: string }[] = [];
      const refuse = (file: PickedFile, message: string): void => {
        refused.push({ ok: false, file: file.name, index: null, errors: [{ path: '(root)', message }] });
      };
      for (const file of picked.slice(0, MAX_IMPORT_FILES)) {
        if (file.size > MAX_IMPORT_BYTES) {
          refuse(file, `is ${file.size} bytes; a policy file may have at most 1 MB`);
          continue;
        }
        // A file removed or made unreadable since it was picked: that file is refused, not the import.
        const text = await file.text().catch((error: unknown) => error);
        if (typeof text === 'string') files.push({ name: file.name, text });
        else refuse(file, `could not be read: ${text instanceof Error ? text.message : String(text)}`);
      }
      const skipped = picked.length - Math.min(picked.length, MAX_IMPORT_FILES);
      const lines = [...refused];
      let failure: string | null = null;
      if (files.length > 0) {
        const result = await this.client.call('policies.import', { files });
        if (result.ok) lines.push(...result.value.results);
        else failure = callFailureWords('The import', result.error);
      }
      this.lines = lines;
      const saved = lines.filter((line) => line.ok).length;
      const notSaved = lines.length - saved;
      this.importOutcome = failure
        ? { done: false, message: failure }
        : {
            done: notSaved === 0,
            message: `Imported ${saved} ${saved === 1 ? 'policy' : 'policies'}${notSaved > 0 ? `; ${notSaved} refused (see why below)` : ''}${skipped > 0 ? `; ${skipped} files left out (at most ${MAX_IMPORT_FILES} at once)` : ''}.`,
          };
      if (saved > 0) await this.imported();
    } finally {
      this.importing = false;
    }
  }

  dismissImport(): void {
    this.lines = [];
    this.importOutcome = null;
  }

  /**
   * Downloads the policies' bodies; no keys: the whole catalog. Several go as one JSON array (which
   * the import takes back), so the host asks where to save once, not once per policy.
   */
  async exportKeys(keys: string[]): Promise<void> {
    const result = await this.client.call('policies.export', { keys });
    if (!result.ok) {
      this.exportOutcome = { done: false, message: callFailureWords('The export', result.error) };
      return;
    }
    const { files, missing, truncated } = result.value;
    const [only] = files;
    if (files.length === 1 && only)
      this.saveFile({ fileName: only.fileName, text: only.text, type: 'application/json' });
    else if (files.length > 1)
      this.saveFile({
        fileName: `tmc-policies-${files.length}.json`,
        text: `[\n${files.map((f) => f.text.trim()).join(',\n')}\n]\n`,
        type: 'application/json',
      });
    const notes = [
      missing.length > 0 ? `not in the catalog: ${missing.join(', ')}` : '',
      truncated > 0 ? `${truncated} left out to keep the export under its size cap` : '',
    ].filter((note) => note !== '');
    this.exportOutcome = {
      done: files.length > 0 && notes.length === 0,
      message:
        files.length === 0
          ? `Nothing to export${notes.length > 0 ? `: ${notes.join('; ')}` : ': the catalog is empty'}.`
          : `Exported ${files.length === 1 ? (only?.fileName ?? '') : `${files.length} policies as one file`}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`,
    };
  }
}
