import type { Writable } from 'node:stream';

/**
 * Exits once everything written to `streams` has been handed to the OS. `process.exit` at once
 * drops output still queued for a pipe whose reader is slower (`tmc decode < dump | jq`). A
 * broken stream (its reader gone) answers with an error, which still counts as done.
 */
export function exitAfterOutput(code: number, streams: readonly Writable[], exit: (code: number) => void): void {
  let pending = streams.length;
  if (pending === 0) exit(code);
  for (const stream of streams)
    stream.write('', () => {
      pending -= 1;
      if (pending === 0) exit(code);
    });
}
