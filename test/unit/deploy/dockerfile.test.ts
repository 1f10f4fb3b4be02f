/**
 * The Dockerfile, read instruction by instruction (no image is built here): two stages from
 * node:20-slim, the runtime one unprivileged, its history on a volume, its health checked on
 * a route that exists, and listening on every address whatever HOSTNAME a runtime injects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name: string | undefined;
  body: Instruction[];
}

/** The instructions, continuation lines joined, comments and blank lines left out. */
function instructionsOf(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...args] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: args.join(' ') };
    });
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, body: [] });
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  return stages;
}

/** The stage's environment, from its `ENV key=value …` instructions (later ones win). */
function envOf(stage: Stage): Record<string, string> {
  const pairs = stage.body
    .filter((i) => i.keyword === 'ENV')
    .flatMap((i) => i.args.split(/\s+/))
    .map((pair) => pair.split(/=(.*)/s, 2) as [string, string]);
  return Object.fromEntries(pairs);
}

const argsOf = (stage: Stage, keyword: string) => stage.body.filter((i) => i.keyword === keyword).map((i) => i.args);

/** `["/data"]` or `/data /other`: the paths an exec- or shell-form list names. */
const listOf = (args: string): string[] => (args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/));

const stages = stagesOf(instructionsOf(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')));
const runtime = stages.at(-1)!;
const runtimeEnv = envOf(runtime);

describe('the Dockerfile', () => {
  it('builds in one stage and runs in a second, both from node:20-slim, copying only the build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.map((s) => s.image)).toEqual(stages.map(() => 'node:20-slim'));
    const build = stages[0];
    expect(build.name).toBeDefined();
    const copies = argsOf(runtime, 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every((c) => c.includes(`--from=${build.name}`))).toBe(true);
  });

  it('runs the server as an unprivileged user', () => {
    const user = argsOf(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
    expect(listOf(argsOf(runtime, 'CMD').at(-1)!)).toEqual(['node', 'server.js']);
  });

  it('keeps the history on a volume at the data directory, which that user may write', () => {
    const dataDir = runtimeEnv.WATERMARK_DATA_DIR;
    expect(dataDir).toBe('/data');
    expect(argsOf(runtime, 'VOLUME').flatMap(listOf)).toContain(dataDir);
    const user = argsOf(runtime, 'USER').at(-1)!;
    expect(argsOf(runtime, 'RUN').some((run) => run.includes(`chown ${user}:${user} ${dataDir}`))).toBe(true);
  });

  it('checks its health on the liveness route, which exists, on the port it listens on', () => {
    const [healthcheck] = argsOf(runtime, 'HEALTHCHECK');
    expect(healthcheck).toContain("'/api/health/live'");
    expect(healthcheck).toContain('process.env.PORT');
    expect(fs.existsSync(path.join(ROOT, 'app', 'api', 'health', 'live', 'route.ts'))).toBe(true);
    expect(argsOf(runtime, 'EXPOSE')).toEqual([runtimeEnv.PORT]);
  });

  it('listens on every address, not on the container name a runtime may put in HOSTNAME', () => {
    // Next.js's standalone server binds to HOSTNAME; Kubernetes and others set it to the pod's name.
    expect(runtimeEnv.HOSTNAME).toBe('0.0.0.0');
  });
});
