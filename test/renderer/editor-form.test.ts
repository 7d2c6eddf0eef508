import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import EditorForm from '../../renderer/src/components/form/EditorForm.svelte';

const fields = createRawSnippet(() => ({ render: () => '<input name="x" />' }));
const tools = createRawSnippet(() => ({ render: () => '<button type="button" data-testid="tool">Tool</button>' }));

function renderForm(saving = false) {
  const calls = { save: 0, cancel: 0 };
  render(EditorForm, {
    title: 'Edit "Lab"',
    testid: 'the-editor',
    saveTestid: 'save-it',
    cancelTestid: 'cancel-it',
    saving,
    onSave: () => (calls.save += 1),
    onCancel: () => (calls.cancel += 1),
    tools,
    children: fields,
  });
  return calls;
}

describe('EditorForm', () => {
  afterEach(() => cleanup());

  it('saves from the bar above and the bar below, and cancels from either', async () => {
    const calls = renderForm();
    expect(screen.getByTestId('the-editor').getAttribute('aria-label')).toBe('Edit "Lab"');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Edit "Lab"');
    const saves = screen.getAllByTestId('save-it');
    expect(saves.map((b) => b.textContent)).toEqual(['Save', 'Save']);
    for (const save of saves) await fireEvent.click(save);
    expect(calls.save).toBe(2);
    await fireEvent.click(screen.getAllByTestId('cancel-it')[1] as HTMLElement);
    expect(calls).toEqual({ save: 2, cancel: 1 });
    expect(screen.getAllByTestId('tool')).toHaveLength(2);
  });

  it('holds both Save buttons while a save is under way', () => {
    renderForm(true);
    const saves = screen.getAllByTestId('save-it') as HTMLButtonElement[];
    expect(saves.map((b) => [b.textContent, b.disabled])).toEqual([
      ['Saving…', true],
      ['Saving…', true],
    ]);
  });
});
