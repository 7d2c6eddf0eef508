import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Input chunks, each only once `output` has room: what a command prints for them then cannot
 * pile up in memory behind a slow reader (`tmc decode < dump | less`).
 */
export async function* pacedInput(
  input: AsyncIterable<Buffer | string>,
  output: Writable,
): AsyncGenerator<Buffer | string> {
  for await (const chunk of input) {
    if (output.writableNeedDrain) await once(output, 'drain');
    yield chunk;
  }
}
