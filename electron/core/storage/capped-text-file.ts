import { open } from 'node:fs/promises';

/**
 * A named file's text, or undefined when it holds more than `maxBytes`: reads no more than one
 * byte past the cap, so a wrong path (a log, `/dev/zero`) cannot fill the memory. Throws what
 * opening or reading throws.
 */
export async function readCappedText(path: string, maxBytes: number): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.toString('utf8', 0, length);
      length += bytesRead;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
