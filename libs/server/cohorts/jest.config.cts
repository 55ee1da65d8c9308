module.exports = {
  displayName: 'server-cohorts',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/cohorts',
};
