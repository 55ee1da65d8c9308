module.exports = {
  displayName: 'server-notifications',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/notifications',
};
