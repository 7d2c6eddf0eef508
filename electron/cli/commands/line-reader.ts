export type Line = { bytes: Buffer } | { tooLong: number };

/**
 * Splits a byte stream into lines without holding more than `maxBytes` of one line: a longer
 * line is skipped to its end and reported by its length. Blank lines are dropped; a trailing
 * "\r" is removed.
 */
export async function* splitLines(input: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = 0;

  function* finish(): Generator<Line> {
    if (overflow > 0) {
      yield { tooLong: overflow };
    } else if (pendingBytes > 0) {
      let bytes = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
      if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
      if (!isBlank(bytes)) yield { bytes };
    }
    pending = [];
    pendingBytes = 0;
    overflow = 0;
  }

  function take(part: Buffer): void {
    if (overflow > 0) {
      overflow += part.length;
    } else if (pendingBytes + part.length > maxBytes + 1) {
      // One byte of slack for the "\r" of a CRLF line at exactly the cap.
      overflow = pendingBytes + part.length;
      pending = [];
      pendingBytes = 0;
    } else if (part.length > 0) {
      pending.push(part);
      pendingBytes += part.length;
    }
  }

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      take(buf.subarray(start, nl));
      yield* finish();
      start = nl + 1;
    }
    take(buf.subarray(start));
  }
  yield* finish();
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  return true;
}
