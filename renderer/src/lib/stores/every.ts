/** Runs `fn` every `ms` until the returned function is called; tests pass their own. */
export type Every = (fn: () => void, ms: number) => () => void;

export const everyInterval: Every = (fn, ms) => {
  const timer = setInterval(fn, ms);
  return () => clearInterval(timer);
};
