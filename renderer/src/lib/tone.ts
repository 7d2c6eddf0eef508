/** What a state word's colour says; it only ever repeats the word (ok, a warning, bad, unknown). */
export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';
