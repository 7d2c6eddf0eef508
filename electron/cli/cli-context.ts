import type { AppCore } from '../core/app-core';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CoreOptions {
  /** Where pushes are audited (the app's user data folder); absent: not audited. */
  dataDir?: string;
}

/** What commands get from the process: output, a core factory, and Ctrl+C. Tests fake each. */
export interface CliContext {
  io: CliIo;
  /** Standard input, for commands that read payloads (decode). */
  input: AsyncIterable<Buffer | string>;
  createCore(options?: CoreOptions): AppCore;
  /** Resolves on SIGINT/SIGTERM (for --watch). */
  untilInterrupted(): Promise<void>;
}
