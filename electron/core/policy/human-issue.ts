import type { z } from 'zod';

// zod's default messages ("Invalid input: expected string, received undefined") become the
// sentences an operator reads next to a field. Messages a schema sets itself take precedence.

export interface PolicyIssue {
  /** Dotted JSON path, e.g. `conditionalGroups.0.limit.requestCount`; `(root)` for the body itself. */
  path: string;
  message: string;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  null: 'null',
};

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.length === 1 ? (shown[0] ?? '') : `one of ${shown.join(', ')}`;
}

function field(value: unknown, key: PropertyKey): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
}

export const humanError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${EXPECTED[issue.expected] ?? issue.expected} (got ${describeValue(issue.input)})`;
    case 'invalid_value':
      return `must be ${oneOf(issue.values)} (got ${describeValue(issue.input)})`;
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
        const got = field(issue.input, issue.discriminator);
        if (got === undefined) return `is required: ${oneOf(options)}`;
        return `must be ${oneOf(options)} (got ${describeValue(got)})`;
      }
      const forms = issue.errors
        .map((branch) => branch[0])
        .map((first) => (first?.code === 'invalid_type' ? (EXPECTED[first.expected] ?? first.expected) : undefined))
        .filter((form): form is string => form !== undefined);
      return forms.length > 0
        ? `must be ${forms.join(' or ')} (got ${describeValue(issue.input)})`
        : 'does not match any accepted form';
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'array')
        return `needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    default:
      return undefined;
  }
};

export function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** The issues of a failed parse as `{path, message}`, paths prefixed with `prefix`. */
export function toPolicyIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): PolicyIssue[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}
