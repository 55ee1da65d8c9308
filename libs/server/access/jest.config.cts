module.exports = {
  displayName: 'server-access',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/access',
};
