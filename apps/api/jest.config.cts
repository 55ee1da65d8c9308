// eslint-disable-next-line @typescript-eslint/no-require-imports
const preset = require('../../jest.server.preset.js');

module.exports = {
  displayName: 'api',
  preset: '../../jest.server.preset.js',
  coverageDirectory: '../../coverage/apps/api',
  // openid-client v6 and its dependencies are ESM-only: transformed to CommonJS like NestJS's own (campus sign-in).
  transformIgnorePatterns: [
    preset.transformIgnorePatterns[0].replace('/node_modules/(?!(', '/node_modules/(?!(openid-client|oauth4webapi|jose|'),
  ],
};
