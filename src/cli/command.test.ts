import { describe, expect, it } from 'vitest';
import { type Command, parseCommandArgs } from './command.ts';

const command: Command = {
  name: 'run',
  summary: '',
  usage: 'rocket-sim run <scenario> [--dashboard [PORT]]',
  options: { dashboard: { type: 'string' }, seed: { type: 'string' } },
  positionals: true,
  optionalNumbers: { dashboard: '0' },
  run: () => Promise.resolve(0),
};

describe('parseCommandArgs: a flag whose number is optional', () => {
  it.each([
    [['smoke', '--dashboard', '8089'], '8089', ['smoke']],
    [['smoke', '--dashboard'], '0', ['smoke']],
    [['--dashboard', 'smoke'], '0', ['smoke']],
    [['smoke', '--dashboard', '--seed', '7'], '0', ['smoke']],
    [['smoke', '--dashboard=9000'], '9000', ['smoke']],
  ])('%j → dashboard %s', (argv, dashboard, positionals) => {
    const args = parseCommandArgs(command, argv);
    expect(args.values.dashboard).toBe(dashboard);
    expect(args.positionals).toEqual(positionals);
  });

  it('leaves other flags needing their value', () => {
    expect(() => parseCommandArgs(command, ['smoke', '--seed'])).toThrow(/--seed/);
  });
});
