import type { z } from 'zod';
import type { StorageFs } from './storage-fs';

/** What is on disk at one path, judged against a schema. */
export type Inspection<T> =
  | { state: 'missing' }
  | { state: 'good'; value: T; bytes: Uint8Array }
  | { state: 'damaged'; problem: string }
  | { state: 'unreadable'; problem: string };

const MAX_ISSUES_NAMED = 3;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "brokers.0.url: …; name: …; and 2 more problems" — enough to find the spot in the file. */
export function describeIssues(error: z.ZodError): string {
  const named = error.issues
    .slice(0, MAX_ISSUES_NAMED)
    .map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  const more = error.issues.length - named.length;
  return more > 0 ? `${named.join('; ')}; and ${more} more problem${more === 1 ? '' : 's'}` : named.join('; ');
}

export async function inspectJsonFile<T>(
  fs: StorageFs,
  path: string,
  schema: z.ZodType<T>,
  maxBytes: number,
): Promise<Inspection<T>> {
  let read;
  try {
    read = await fs.readBytes(path, maxBytes);
  } catch (error) {
    return { state: 'unreadable', problem: describeError(error) };
  }
  if (read.status === 'missing') return { state: 'missing' };
  if (read.status === 'too-large') {
    return { state: 'damaged', problem: `it is ${read.bytes} bytes, more than the limit of ${maxBytes} bytes` };
  }
  let text: string;
  try {
    text = utf8.decode(read.bytes);
  } catch {
    return { state: 'damaged', problem: 'it is not UTF-8 text' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { state: 'damaged', problem: `it is not valid JSON (${describeError(error)})` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return { state: 'damaged', problem: `its content is not valid (${describeIssues(parsed.error)})` };
  return { state: 'good', value: parsed.data, bytes: read.bytes };
}
