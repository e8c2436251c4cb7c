/**
 * @module Why Artillery ended before playing: when its workers could not set up their players (a
 * missing key, a malformed variable), the processor printed one line `rocket-sim: the players cannot
 * start: …` and stopped the run (`src/gameplay/player/stopRunOnSetupError.ts`). `rocket-sim run`
 * shows that line as its own error instead of a bare "crashed, see artillery.log".
 */
import { existsSync, readFileSync } from 'node:fs';
import { ExitCode, SimError } from '../../errors/index.ts';

const PREFIX = 'rocket-sim: the players cannot start: ';

/** Artillery's workers could not set up their players; exit 2 when Artillery said configuration. */
class PlayerSetupError extends SimError {
  override readonly code: string = 'E_PLAYER_SETUP';
  override readonly exitCode: ExitCode;
  override name = 'PlayerSetupError';
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** The error to raise for a crashed Artillery whose log holds the processor's setup line, else undefined. */
export function playerSetupFailure(artilleryLog: string, artilleryExitCode: number): SimError | undefined {
  if (!existsSync(artilleryLog)) return undefined;
  const line = readFileSync(artilleryLog, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(PREFIX));
  if (line === undefined) return undefined;
  return new PlayerSetupError(
    `the players cannot start: ${line.slice(PREFIX.length).trim()}`,
    artilleryExitCode === ExitCode.usage ? ExitCode.usage : ExitCode.crash,
  );
}
