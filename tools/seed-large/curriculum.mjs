// The template library every career center starts with lives in TypeScript
// (libs/server/core/.../seeds/curriculum.ts, type-only imports). Plain Node cannot
// load it, so it is compiled on the fly with SWC (already a dev dependency) and imported.
import { transformFileSync } from '@swc/core';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CURRICULUM_TS = resolve(dirname(fileURLToPath(import.meta.url)), '../../libs/server/core/src/lib/database/seeds/curriculum.ts');

export async function loadCurriculum() {
  const { code } = transformFileSync(CURRICULUM_TS, {
    swcrc: false,
    configFile: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  });
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.CURRICULUM;
}
