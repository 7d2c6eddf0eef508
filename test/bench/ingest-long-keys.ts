// `npm run bench:ingest`, long-key part: throttle keys come from the network, up to the 64 KiB
// payload cap. Classifying one must stay linear in its length, or a few crafted keys a second
// would hold the core's thread. Times the classifier on the worst shapes found: thousands of
// path segments, and thousands of underscores after the version.
import { classifyThrottleKey } from '../../electron/core/throttle/key-classifier';

const ROUNDS = 20;

const segments = Array.from({ length: 6_000 }, (_, i) => `v${i % 97}`).join('/');
const SHAPES = [
  {
    shape: 'API key, 6,000 segments, 20,000 underscores in the user',
    key: `/${segments}:${'x_'.repeat(20_000)}_default`,
  },
  { shape: 'resource key, 12,000 segments', key: `/${segments}/${segments}:GET_default` },
  { shape: 'API key, 15,000 segments of one name', key: `/ctx/${'a/'.repeat(15_000)}1.0:${'1_'.repeat(100)}_default` },
];

export interface LongKeyFigure {
  shape: string;
  bytes: number;
  /** Median over the rounds. */
  ms: number;
}

export function timeLongKeys(): LongKeyFigure[] {
  return SHAPES.map(({ shape, key }) => {
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const from = performance.now();
      classifyThrottleKey(key);
      times.push(performance.now() - from);
    }
    times.sort((a, b) => a - b);
    return { shape, bytes: key.length, ms: Math.round((times[ROUNDS >> 1] ?? 0) * 100) / 100 };
  });
}
