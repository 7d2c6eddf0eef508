import type { LinkState } from '../../../electron/core/host/contract';
import type { Tone } from './tone';

export const LINK_STATE_LABEL: Record<LinkState, string> = {
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  down: 'Down',
  'auth-failed': 'Wrong credentials',
  'tls-failed': 'TLS failed',
};

/** What happens next, or what the operator must fix when retrying cannot; null when nothing. */
export const LINK_STATE_ADVICE: Record<LinkState, string | null> = {
  connecting: null,
  connected: null,
  reconnecting: 'Retrying by itself.',
  down: 'Retrying by itself: if this lasts, check that the broker runs and that this machine can reach it.',
  'auth-failed': 'Wrong credentials: check username and password in the profile',
  'tls-failed': 'TLS failed: check the CA file and server name',
};

/** The colour family of a state: colour is kept for state alone. */
export const LINK_STATE_TONE: Record<LinkState, Tone> = {
  connecting: 'warn',
  connected: 'ok',
  reconnecting: 'warn',
  down: 'bad',
  'auth-failed': 'bad',
  'tls-failed': 'bad',
};
