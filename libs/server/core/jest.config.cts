module.exports = {
  displayName: 'server-core',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/core',
};
