import type { Component } from 'svelte';
import type { AppStores } from './app-stores';

export interface ViewProps {
  stores: AppStores;
  /** Shows another view by id (a note that points elsewhere). */
  navigate: (id: string) => void;
}

export interface ViewEntry {
  id: string;
  label: string;
  /** The digit of its Alt+digit shortcut; fixed per view so adding views never renumbers. */
  digit: number;
  component: Component<ViewProps>;
}

/** The keys of a keydown that matter here; a KeyboardEvent fits. */
export interface ShortcutKey {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The views of the left rail, which one is shown, and their Alt+digit shortcuts. */
export class ViewRegistry {
  readonly views: readonly ViewEntry[];
  /** Shown first, and whenever the current id names no view. */
  private readonly home: ViewEntry;
  current = $state('');

  constructor(home: ViewEntry, ...others: ViewEntry[]) {
    this.home = home;
    this.views = [home, ...others];
    this.current = home.id;
  }

  get currentView(): ViewEntry {
    return this.views.find((v) => v.id === this.current) ?? this.home;
  }

  select(id: string): void {
    if (this.views.some((view) => view.id === id)) this.current = id;
  }

  /** Shows the view of an Alt+digit press; true when the key was one of ours. */
  handleKey(key: ShortcutKey): boolean {
    // `code`, not `key`: on macOS Alt+1 types "¡".
    const match = /^(?:Digit|Numpad)(\d)$/.exec(key.code);
    if (!match || !key.altKey || key.ctrlKey || key.metaKey || key.shiftKey) return false;
    const view = this.views.find((v) => v.digit === Number(match[1]));
    if (!view) return false;
    this.current = view.id;
    return true;
  }
}

export function shortcutLabel(view: ViewEntry): string {
  return `Alt+${view.digit}`;
}
