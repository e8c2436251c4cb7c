/** @module A simulated player: one wallet with its session and the memory the legacy worker kept per wallet. */
import type { Hex } from 'viem';
import { accountFor, type WalletAccount } from '../../wallets/accountFor.ts';
import type { WalletSeat } from '../../wallets/WalletSeats.ts';
import { applyPersona, type PersonaGameplay } from '../persona.ts';
import { createPrng, type Prng } from '../prng.ts';
import type { PlayerSettings } from './resolvePlayerSettings.ts';
import type { Session } from './session.ts';

/** State that outlives one virtual user: the next virtual user on the same wallet picks it up. */
export interface Player {
  readonly seat: WalletSeat;
  readonly wallet: Hex;
  readonly account: WalletAccount;
  /** this wallet's own stream of the run's seeded PRNG */
  readonly prng: Prng;
  readonly persona: PersonaGameplay;
  session: Session | undefined;
  /** when the current session was issued or refreshed (epoch ms) */
  sessionIssuedAt: number;
  /** the session's user was read back with GET /auth/v1/user */
  userChecked: boolean;
  /** signed in at least once (the next sign-in is a re-authentication) */
  everSignedIn: boolean;
  ethLockSeeded: boolean;
  lastUsedTouched: boolean;
  /** epoch ms of the next faucet claim attempt (0: claim in the first cycle, like the legacy worker) */
  nextClaimAt: number;
  lastSubmittedRoundId: number | undefined;
  /** available FLUX as the last RPC answered it; undefined before the first */
  balance: number | undefined;
  cycles: number;
}

/** A player for a seat, its PRNG stream keyed by the wallet address so decisions are reproducible per wallet. */
export function createPlayer(seat: WalletSeat, seed: number, settings: PlayerSettings): Player {
  return {
    seat,
    wallet: seat.address,
    account: accountFor(seat.privateKey),
    prng: createPrng(seed, seat.address),
    persona: applyPersona(
      {
        boxOpenProbability: settings.boxOpenProbability,
        submitProbability: settings.submitProbability,
        bidAttemptProbability: settings.bidAttemptProbability,
        bidMarkup: settings.bidMarkup,
      },
      seat.profile,
    ),
    session: undefined,
    sessionIssuedAt: 0,
    userChecked: false,
    everSignedIn: false,
    ethLockSeeded: false,
    lastUsedTouched: false,
    nextClaimAt: 0,
    lastSubmittedRoundId: undefined,
    balance: undefined,
    cycles: 0,
  };
}
