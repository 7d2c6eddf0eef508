import { cleanup, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import FieldFrame, { type FieldControl } from '../../renderer/src/components/form/FieldFrame.svelte';

/** A control that shows what the frame handed it, as the field components use it. */
const control = createRawSnippet((given: () => FieldControl) => ({
  render: () => {
    const { id, invalid, describedBy } = given();
    return `<input id="${id}" aria-invalid="${String(invalid)}"${describedBy ? ` aria-describedby="${describedBy}"` : ''} />`;
  },
}));

const input = () => {
  const element = document.querySelector('input');
  if (!element) throw new Error('no input');
  return element;
};

describe('FieldFrame', () => {
  afterEach(() => cleanup());

  it('labels the control by its path, and shows the hint without errors', () => {
    render(FieldFrame, { path: 'tls.caFile', label: 'CA file', hint: 'PEM', errors: [], children: control });
    expect(screen.getByLabelText('CA file')).toBe(input());
    expect(input().id).toBe('field-tls.caFile');
    expect(input().getAttribute('aria-invalid')).toBe('false');
    expect(input().hasAttribute('aria-describedby')).toBe(false);
    expect(screen.getByText('PEM').tagName).toBe('P');
    expect(document.querySelector('[data-testid="field-error"]')).toBeNull();
  });

  it('puts the errors under the control, named by its path and described to it', () => {
    render(FieldFrame, { path: 'name', label: 'Name', errors: ['taken', 'too long'], children: control });
    const shown = screen.getAllByTestId('field-error');
    expect(shown.map((e) => [e.dataset.for, e.textContent])).toEqual([
      ['name', 'taken'],
      ['name', 'too long'],
    ]);
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(input().getAttribute('aria-describedby')).toBe('field-name-errors');
    expect(shown[0]?.parentElement?.id).toBe('field-name-errors');
  });

  it('names the control’s own note before its errors', () => {
    render(FieldFrame, { path: 'password', label: 'Password', note: 'note', errors: [], children: control });
    expect(input().getAttribute('aria-describedby')).toBe('field-password-note');
    cleanup();
    render(FieldFrame, {
      path: 'password',
      label: 'Password',
      note: 'note',
      errors: ['no keychain'],
      children: control,
    });
    expect(input().getAttribute('aria-describedby')).toBe('field-password-note field-password-errors');
  });

  it('draws no label where the control brings its own, and carries a test id when given one', () => {
    render(FieldFrame, { path: 'tls.verify', errors: [], testid: 'secret-x', children: control });
    expect(document.querySelector('label')).toBeNull();
    expect(screen.getByTestId('secret-x').contains(input())).toBe(true);
  });
});
