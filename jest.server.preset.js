// Jest for the NestJS side. SWC compiles TypeScript with decorator metadata,
// and turns the ESM-only packages of NestJS 12 into CommonJS for Jest's loader
// (Node itself loads them with require(esm), Node >= 20.19).
const nxPreset = require('@nx/jest/preset').default;

const ESM_PACKAGES = ['@nestjs/(common|core|jwt|mapped-types|passport|platform-express|swagger|testing|typeorm)'];

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 30_000,
};
