module.exports = {
  displayName: 'server-network',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/network',
};
