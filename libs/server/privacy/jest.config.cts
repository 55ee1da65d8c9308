module.exports = {
  displayName: 'server-privacy',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/privacy',
};
