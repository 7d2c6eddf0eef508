import { describe, expect, it } from 'vitest';
import { PolicyFiles, type PickedFile } from '../../renderer/src/lib/stores/policy-files.svelte';
import { scriptedClient } from '../support/scripted-client';

const picked = (name: string, text: string): PickedFile => ({ name, size: text.length, text: async () => text });

describe('PolicyFiles: import', () => {
  it('refuses a file that can no longer be read, and imports the others', async () => {
    const script = scriptedClient();
    script.answers['policies.import'] = async ({ files }) => ({
      ok: true,
      value: {
        results: files.map((file) => ({
          ok: true as const,
          file: file.name,
          index: null,
          key: 'application:Silver',
          revision: 1,
          unchanged: false,
        })),
        warnings: [],
      },
    });
    const files = new PolicyFiles(
      script.client,
      () => undefined,
      async () => undefined,
    );
    const gone: PickedFile = {
      name: 'gone.json',
      size: 10,
      text: () => Promise.reject(new Error('A requested file or directory could not be found')),
    };
    await files.importFiles([gone, picked('silver.json', '{"policyName":"Silver"}')]);
    expect(script.callsOf('policies.import')[0]?.payload).toEqual({
      files: [{ name: 'silver.json', text: '{"policyName":"Silver"}' }],
    });
    expect(files.lines).toEqual([
      {
        ok: false,
        file: 'gone.json',
        index: null,
        errors: [{ path: '(root)', message: 'could not be read: A requested file or directory could not be found' }],
      },
      { ok: true, file: 'silver.json', index: null, key: 'application:Silver', revision: 1, unchanged: false },
    ]);
    expect(files.importOutcome).toEqual({ done: false, message: 'Imported 1 policy; 1 refused (see why below).' });
    expect(files.importing).toBe(false);
  });
});
