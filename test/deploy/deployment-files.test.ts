import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config/env.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const known = new Set(Object.keys(envSchema.shape));

describe('deployment files tell the truth about the environment', () => {
  it('.env.example lists exactly the variables the bot reads', () => {
    const listed = [...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!);
    expect(new Set(listed)).toEqual(known);
  });

  it('the Dockerfile sets only variables the bot reads and starts dist/main.js', () => {
    const dockerfile = read('Dockerfile');
    const env = /^ENV (.+)$/m.exec(dockerfile)![1]!;
    for (const [, name] of env.matchAll(/([A-Z_]+)=/g)) {
      if (name !== 'NODE_ENV') expect(known, name).toContain(name);
    }
    expect(dockerfile).toContain('dist/main.js');
  });
});
