module.exports = {
  displayName: 'server-audit',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/audit',
};
