import type { DecodedRecord } from '../../core/throttle/change-records';
import { DecodedRecordBuilder } from '../../core/throttle/decoded-record';
import { DEFAULT_JSON_LIMITS } from '../../core/throttle/guarded-json';
import { decodeThrottleMessage } from '../../core/throttle/message-decoder';
import { splitLines } from './line-reader';

export interface DecodeIo {
  input: AsyncIterable<Buffer | string>;
  out(line: string): void;
  err(line: string): void;
}

export const DECODE_HELP = `tmc decode — decode throttleData payloads

Usage: tmc decode < payloads.txt

Reads payloads from stdin, one per line, as a traffic manager publishes them on the
throttleData topic (the {"event":{"payloadData":{…}}} envelope or a bare payload object), and
prints one JSON object per line, in the shape \`tmc watch --json\` uses without broker fields:
  {"type":"decision","key","level","parts","isThrottled","expiryTimeStamp","conditions"}
  {"type":"block","conditionType","conditionValue","value","active","id","tenantDomain"}
  {"type":"keyTemplate","template","active"}
  {"type":"rejected","code","reason"}   (the line is not a valid payload, and why)
Blank lines are skipped. Key templates on earlier lines shape the parts of later custom keys.`;

/** `tmc decode`: stdin lines in, one JSON object per line out. Exit code 0 unless stdin fails. */
export async function runDecode(argv: readonly string[], io: DecodeIo): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.out(DECODE_HELP);
    return 0;
  }
  if (argv.length > 0) {
    io.err(`tmc decode: unexpected argument "${argv[0]}"; payloads come on stdin. Run "tmc decode --help".`);
    return 2;
  }
  const builder = new DecodedRecordBuilder();
  const limits = DEFAULT_JSON_LIMITS;
  try {
    for await (const line of splitLines(io.input, limits.maxBytes)) {
      const record: DecodedRecord =
        'tooLong' in line
          ? {
              type: 'rejected',
              code: 'too-large',
              reason: `payload is ${line.tooLong} bytes, over the ${limits.maxBytes}-byte cap`,
            }
          : builder.build(decodeThrottleMessage(line.bytes, limits));
      io.out(JSON.stringify(record));
    }
  } catch (error) {
    io.err(`tmc decode: reading stdin failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return 0;
}
