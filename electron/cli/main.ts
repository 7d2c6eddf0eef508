#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { createAppCore } from '../core/app-core';
import { APP_INFO } from '../core/app-info';
import { mqttConnector } from '../core/cluster/mqtt-connector';
import { runCli } from './cli';
import { exitAfterOutput } from './exit-after-output';
import { pacedInput } from './paced-input';
import { osUser } from '../core/os-user';
import { createEnvSecretStore } from '../core/profile/env-secret-store';

// A reader that stops early (`tmc watch | head`) closes the pipe: that is the end, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

runCli(process.argv.slice(2), {
  io: {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  input: pacedInput(process.stdin, process.stdout),
  createCore: (options) =>
    createAppCore({
      connector: mqttConnector,
      clock: Date.now,
      random: Math.random,
      secrets: createEnvSecretStore(process.env),
      readFile: (path) => readFile(path),
      appInfo: APP_INFO,
      policies: { user: osUser(), source: 'cli', ...(options?.dataDir !== undefined ? { dir: options.dataDir } : {}) },
    }),
  untilInterrupted: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
}).then(
  (code) => {
    exitAfterOutput(code, [process.stdout, process.stderr], (c) => process.exit(c));
  },
  (error: unknown) => {
    process.stderr.write(`tmc: ${error instanceof Error ? error.message : String(error)}\n`);
    exitAfterOutput(1, [process.stdout, process.stderr], (c) => process.exit(c));
  },
);
