/** @module A small Dockerfile reader, so tests can replay the image build's commands without a Docker engine. */

export interface DockerInstruction {
  /** upper-case keyword: FROM, RUN, COPY, ENV, ... */
  keyword: string;
  /** everything after the keyword, continuation lines joined with a space */
  args: string;
  /** the arguments of the JSON (exec) form, when used */
  json: string[] | undefined;
}

export interface DockerStage {
  image: string;
  /** the `AS name`, if any */
  name: string | undefined;
  instructions: DockerInstruction[];
  /** ENV of the stage, in order */
  env: Record<string, string>;
}

/** Splits `KEY=value KEY2="value 2"` (the ENV form this repository uses; the legacy `ENV KEY value` form is rejected). */
function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
  const rest = args.replace(pattern, (_match, key: string, raw: string) => {
    env[key] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    return '';
  });
  if (rest.trim() !== '') throw new Error(`ENV ${args}: only the KEY=value form is supported`);
  return env;
}

/** Parses a Dockerfile into stages; comments and parser directives are skipped, `\` continuations joined. */
export function parseDockerfile(text: string): DockerStage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (pending === '' && /^\s*#/.test(line)) continue;
    if (pending !== '' && /^\s*#/.test(line)) continue; // comments inside a continued instruction
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const full = `${pending}${line.trim()}`.trim();
    pending = '';
    if (full !== '') logical.push(full);
  }
  const stages: DockerStage[] = [];
  for (const line of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    const args = match[2] ?? '';
    let json: string[] | undefined;
    if (args.startsWith('[')) {
      const parsed = JSON.parse(args) as unknown;
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) json = parsed;
    }
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args.replace(/--platform=\S+\s+/, ''));
      if (!from) throw new Error(`cannot read FROM ${args}`);
      stages.push({ image: from[1] ?? '', name: from[2], instructions: [], env: {} });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before the first FROM`);
    stage.instructions.push({ keyword, args, json });
    if (keyword === 'ENV') Object.assign(stage.env, parseEnv(args));
  }
  return stages;
}

/** The last instruction of a stage with this keyword. */
export function lastInstruction(stage: DockerStage, keyword: string): DockerInstruction | undefined {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).at(-1);
}
