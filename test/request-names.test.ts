/**
 * @module The link between the YAML flows and the player runtime (issue 15 scope 5): every named
 * request of artillery.yml (and of any scenario file that brings its own flow) is a step of
 * `src/gameplay/player/steps.ts`, every step is requested somewhere, each request's `ifTrue` is the
 * processor's condition for that very step, and the session block of the player flow holds exactly
 * the runtime's session steps. A renamed request or step fails here, not as a silent skip in a run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SESSION_STEPS } from '../src/gameplay/player/sessionSteps.ts';
import { steps } from '../src/gameplay/player/steps.ts';
import { ROOT } from './support/runResults.ts';

interface Request {
  file: string;
  scenario: string;
  name: string;
  ifTrue: unknown;
  /** inside the loop counted by `sessionSteps` */
  session: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every request of a flow, through loops, with whether it sits in the session block. */
function requestsOf(file: string, scenario: string, flow: unknown[], session = false): Request[] {
  const found: Request[] = [];
  for (const step of flow as Record<string, unknown>[]) {
    for (const method of METHODS) {
      const request = step[method] as { name?: string; ifTrue?: unknown } | undefined;
      if (request?.name) found.push({ file, scenario, name: request.name, ifTrue: request.ifTrue, session });
    }
    if (Array.isArray(step.loop)) {
      const block = step.count === '{{ sessionSteps }}';
      found.push(...requestsOf(file, scenario, step.loop, session || block));
    }
  }
  return found;
}

function requestsOfFile(path: string, file: string): Request[] {
  const script = parse(readFileSync(path, 'utf8')) as { scenarios?: { name: string; flow: unknown[] }[] };
  return (script.scenarios ?? []).flatMap((scenario) => requestsOf(file, scenario.name, scenario.flow));
}

const requests = [
  ...requestsOfFile(join(ROOT, 'artillery.yml'), 'artillery.yml'),
  ...readdirSync(join(ROOT, 'scenarios'))
    .filter((file) => file.endsWith('.yml'))
    .flatMap((file) => requestsOfFile(join(ROOT, 'scenarios', file), `scenarios/${file}`)),
];

/** `export const wantsX = wants('step')` of the processor: condition name → step. */
const conditions = new Map(
  [
    ...readFileSync(join(ROOT, 'processors', 'index.ts'), 'utf8').matchAll(/export const (\w+) = wants\('(\w+)'\)/g),
  ].map((match) => [match[1]!, match[2]!]),
);

describe('request names of the flows and steps of the runtime', () => {
  it('finds the player and sign-in flows', () => {
    expect(new Set(requests.map((request) => request.scenario))).toEqual(new Set(['player', 'sign-in']));
    expect(conditions.size).toBeGreaterThan(10);
  });

  it('every named request is a step, and every step is requested', () => {
    const names = new Set(requests.map((request) => request.name));
    expect([...names].filter((name) => !(name in steps))).toEqual([]);
    expect(Object.keys(steps).filter((name) => !names.has(name))).toEqual([]);
  });

  it("each request's ifTrue is the processor's condition for that step", () => {
    const wrong = requests
      .filter((request) => conditions.get(String(request.ifTrue)) !== request.name)
      .map((request) => `${request.file} ${request.scenario}/${request.name}: ifTrue ${String(request.ifTrue)}`);
    expect(wrong).toEqual([]);
  });

  it("the player flow's session block holds exactly the runtime's session steps, in order", () => {
    const block = requests.filter((request) => request.scenario === 'player' && request.session).map((r) => r.name);
    expect(block).toEqual([...SESSION_STEPS]);
  });
});
