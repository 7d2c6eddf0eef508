// Policy bodies keep fields the schemas do not know (objects are loose), and digests, copies and
// serialization walk them recursively: a body nested thousands of levels deep would overflow the
// stack there. Found here first, without recursion, and refused with its path.

/** Objects and arrays nested deeper than any real policy or control message (they need about 10). */
export const MAX_NESTING = 64;

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string;
}

/** The path (`body.policy.extra.a`) of the first object or array nested deeper than `maxDepth`, or undefined. */
export function tooDeepPath(value: unknown, maxDepth: number = MAX_NESTING): string | undefined {
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, key: '' }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (typeof frame.value !== 'object' || frame.value === null) continue;
    if (frame.depth >= maxDepth) return pathOf(frame);
    for (const [key, member] of Object.entries(frame.value))
      stack.push({ value: member, depth: frame.depth + 1, parent: frame, key });
  }
  return undefined;
}

function pathOf(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | undefined = frame; at?.parent; at = at.parent) keys.push(at.key);
  return keys.length === 0 ? '(root)' : keys.reverse().join('.');
}

export const tooDeepMessage = (maxDepth: number = MAX_NESTING): string =>
  `nests objects and arrays deeper than ${maxDepth} levels`;
