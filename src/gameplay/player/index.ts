/** @module A simulated player's cycle, independent of Artillery. */
export type { PlayerRuntime } from './createPlayerRuntime.ts';
export { loadPlayerRuntime } from './loadPlayerRuntime.ts';
export type { Metrics } from './steps.ts';
export type { VirtualPlayer } from './VirtualPlayer.ts';
