import { afterEach } from 'vitest';

// Svelte's dev warnings (a child mutating state it does not own, reactivity lost after an await…)
// point at real bugs but only print. Here one printed during a test fails that test, with the
// warning as the reason. console.warn is wrapped rather than spied on so that a test restoring its
// mocks cannot switch the guard off; the warning is still printed.
const printed: string[] = [];
const warn = console.warn.bind(console);

console.warn = (...args: unknown[]): void => {
  const [first] = args;
  // Svelte styles its warnings: `%c[svelte] code\n%cmessage`, then the two styles.
  if (typeof first === 'string' && first.includes('[svelte] ')) printed.push(first.replaceAll('%c', ''));
  warn(...args);
};

afterEach(() => {
  const warnings = printed.splice(0);
  if (warnings.length > 0) {
    throw new Error(`Svelte printed ${warnings.length} warning(s) during this test:\n\n${warnings.join('\n\n')}`);
  }
});
