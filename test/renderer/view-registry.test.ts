import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../renderer/src/App.svelte';
import ViewRail from '../../renderer/src/components/rail/ViewRail.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { ProfilesStore } from '../../renderer/src/lib/stores/profiles-store.svelte';
import { ViewRegistry, type ShortcutKey } from '../../renderer/src/lib/stores/view-registry.svelte';
import ClusterView from '../../renderer/src/views/ClusterView.svelte';
import { CLUSTER_VIEW } from '../../renderer/src/views/routes';
import { policyStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';

// A second view stands in for the ones to come; it can reuse any component that takes the stores.
const THROTTLED = { id: 'throttled', label: 'Throttled now', digit: 2, component: ClusterView };

const key = (code: string, mods: Partial<ShortcutKey> = {}): ShortcutKey => ({
  code,
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('ViewRegistry', () => {
  it('starts on the first view and switches with Alt+digit, top row or keypad', () => {
    const registry = new ViewRegistry(CLUSTER_VIEW, THROTTLED);
    expect(registry.currentView.id).toBe('cluster');
    expect(registry.handleKey(key('Digit2'))).toBe(true);
    expect(registry.currentView.id).toBe('throttled');
    expect(registry.handleKey(key('Numpad1'))).toBe(true);
    expect(registry.currentView.id).toBe('cluster');
  });

  it('leaves other keys alone: plain digits, other modifiers, digits without a view', () => {
    const registry = new ViewRegistry(CLUSTER_VIEW, THROTTLED);
    expect(registry.handleKey(key('Digit2', { altKey: false }))).toBe(false);
    expect(registry.handleKey(key('Digit2', { ctrlKey: true }))).toBe(false);
    expect(registry.handleKey(key('Digit2', { shiftKey: true }))).toBe(false);
    expect(registry.handleKey(key('Digit2', { metaKey: true }))).toBe(false);
    expect(registry.handleKey(key('Digit6'))).toBe(false);
    expect(registry.handleKey(key('KeyA'))).toBe(false);
    expect(registry.currentView.id).toBe('cluster');
  });

  it('ignores a selection of an unknown view', () => {
    const registry = new ViewRegistry(CLUSTER_VIEW);
    registry.select('nope');
    expect(registry.currentView.id).toBe('cluster');
  });
});

describe('ViewRail', () => {
  afterEach(() => cleanup());

  it('lists the views with their shortcuts in the title and marks the current one', async () => {
    const registry = new ViewRegistry(CLUSTER_VIEW, THROTTLED);
    render(ViewRail, { registry });
    const cluster = screen.getByTestId('rail-cluster');
    const throttled = screen.getByTestId('rail-throttled');
    expect(cluster.title).toBe('Cluster (Alt+1)');
    expect(cluster.getAttribute('aria-keyshortcuts')).toBe('Alt+1');
    expect(cluster.getAttribute('aria-current')).toBe('page');
    await fireEvent.click(throttled);
    expect(registry.current).toBe('throttled');
    expect(throttled.getAttribute('aria-current')).toBe('page');
    expect(cluster.hasAttribute('aria-current')).toBe(false);
  });
});

describe('App', () => {
  afterEach(() => cleanup());

  it('shows the current view and follows Alt+digit pressed anywhere in the window', async () => {
    const client = scriptedClient().client;
    const cluster = new ClusterStore(client);
    const registry = new ViewRegistry(CLUSTER_VIEW, THROTTLED);
    const profiles = new ProfilesStore(client, cluster);
    render(App, { stores: { cluster, profiles, ...policyStores(client, cluster) }, registry });
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Cluster');
    await fireEvent.keyDown(window, { code: 'Digit2', altKey: true });
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Throttled now');
    expect(screen.getByTestId('switch-timeline')).toBeTruthy();
  });
});
