/**
 * `docker build` cannot run here, so the Dockerfile is read with a Dockerfile parser and its stages
 * are checked: the current Node LTS, a multi-stage build whose final stage has production
 * dependencies only, no sources, tests or emulator, a non-root user and a health check.
 */
import { readFileSync } from 'node:fs';
import { type Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const dockerfile = DockerfileParser.parse(readFileSync(new URL('Dockerfile', root), 'utf8'));

interface Stage {
  name: string | null;
  image: string;
  instructions: Instruction[];
}

/** The instructions of each `FROM … [AS name]` stage, in order. */
function stages(): Stage[] {
  const result: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [image = '', , name = null] = instruction.getArguments().map((a) => a.getValue());
      result.push({ name, image, instructions: [] });
    } else result.at(-1)?.instructions.push(instruction);
  }
  return result;
}

const all = stages();
const final = all.at(-1)!;
const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
const ofKind = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.getKeyword() === keyword);
const text = (stage: Stage, keyword: string) => ofKind(stage, keyword).map((i) => args(i).join(' '));

/** The stage a stage is built `FROM`, back to its base image. */
function baseImage(stage: Stage): string {
  const parent = all.find((s) => s.name === stage.image);
  return parent ? baseImage(parent) : stage.image;
}

describe('the Dockerfile', () => {
  it('builds on the current Node LTS slim image, in several stages', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) expect(baseImage(stage)).toMatch(/^node:24(\.\d+){0,2}-[a-z]+-slim$/);
  });

  it('runs the compiled program as a non-root user, with a health check on the liveness probe', () => {
    const user = text(final, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/); // numeric, so runAsNonRoot can verify it
    expect(text(final, 'CMD').join(' ')).toContain('dist/main.js');
    const health = text(final, 'HEALTHCHECK').join(' ');
    expect(health).toContain('/livez');
  });

  it('copies into the final stage no sources, tests, emulator or development dependencies', () => {
    const copies = ofKind(final, 'COPY') as Copy[];
    const copied = copies.flatMap((c) =>
      args(c)
        .slice(0, -1)
        .map((source) => ({ from: c.getFromFlag()?.getValue(), source })),
    );
    for (const { source } of copied) expect(source).not.toMatch(/(^|\/)(src|test|bench)(\/|$)|sandbox/);
    expect(text(final, 'RUN')).toEqual([]);

    // node_modules only from a stage that installed production dependencies, without tsx/esbuild
    const modules = copied.filter((c) => c.source.endsWith('node_modules'));
    expect(modules).toHaveLength(1);
    const installer = all.find((s) => s.name === modules[0]!.from)!;
    expect(text(installer, 'RUN').join('\n')).toMatch(/npm ci --omit=dev/);

    // dist only from the build stage, which drops the emulator from it first
    const dist = copied.find((c) => c.source.endsWith('dist'))!;
    const build = all.find((s) => s.name === dist.from)!;
    expect(text(build, 'RUN').join('\n')).toMatch(/npm run build && rm -rf dist\/sandbox/);
  });

  it('leaves tests, the git history and local state out of the build context', () => {
    const ignored = readFileSync(new URL('.dockerignore', root), 'utf8').split('\n');
    for (const entry of ['.git', 'node_modules', 'dist', 'test', '.env', '*.db'])
      expect(ignored).toContain(entry);
  });
});
