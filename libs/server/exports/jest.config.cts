module.exports = {
  displayName: 'server-exports',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/exports',
};
