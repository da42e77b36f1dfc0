// The presenter window drives the audience window(s) over a BroadcastChannel: only the presenter
// posts, the audience only listens, so two windows never fight over the position.
import type { Position } from './position.ts';

export interface DeckState extends Position {
  type: 'state';
  blackout: boolean;
}

export const channelName = (deckId: string) => `diapositivas:${deckId}`;

export function isDeckState(data: unknown): data is DeckState {
  const value = data as Partial<DeckState> | null;
  return value?.type === 'state' && Number.isInteger(value.slide) && Number.isInteger(value.step) && typeof value.blackout === 'boolean';
}
