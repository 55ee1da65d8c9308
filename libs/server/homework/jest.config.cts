module.exports = {
  displayName: 'server-homework',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/homework',
};
