module.exports = {
  displayName: 'server-dashboards',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/dashboards',
};
