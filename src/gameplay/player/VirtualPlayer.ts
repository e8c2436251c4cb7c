/** @module One virtual user's state, kept in Artillery's `context.vars` between the hooks. */
import type { Cycle } from './Cycle.ts';
import type { Player } from './Player.ts';
import type { PlayerSettings } from './resolvePlayerSettings.ts';

export interface VirtualPlayer {
  /** undefined when every wallet was busy at join, or after it left */
  player: Player | undefined;
  cycle: Cycle;
  settings: PlayerSettings;
  /** a cycle was started and not yet ended */
  inCycle: boolean;
  /** the request being replayed after a retryable failure */
  replay: string | undefined;
}
