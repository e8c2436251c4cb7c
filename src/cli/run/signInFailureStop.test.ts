import { describe, expect, it } from 'vitest';
import { signInFailureStop } from './signInFailureStop.ts';

const message = 'rocket.message.auth_web3.400: siwe message uri is not allowed';

describe('signInFailureStop', () => {
  it('stops when the first players all failed with one message and nobody signed in', () => {
    expect(signInFailureStop({ [message]: 5, 'rocket.wallet_authenticated': 0 }, 20)).toBe(
      'every sign-in failed with the same answer: 400: siwe message uri is not allowed (5 sign-ins, none succeeded)',
    );
    // a run of two players needs two failures
    expect(signInFailureStop({ [message]: 2 }, 2)).toMatch(/2 sign-ins/);
  });

  it('goes on while too few failed, once anyone signed in, or when the messages differ', () => {
    expect(signInFailureStop({ [message]: 4 }, 20)).toBeUndefined();
    expect(signInFailureStop({ [message]: 9, 'rocket.wallet_authenticated': 1 }, 20)).toBeUndefined();
    expect(signInFailureStop({ [message]: 9, 'rocket.message.auth_web3.500: boom': 1 }, 20)).toBeUndefined();
    expect(signInFailureStop({ 'rocket.message.rpc_open_mystery_box.400: x': 9 }, 20)).toBeUndefined();
  });
});
