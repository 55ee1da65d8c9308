module.exports = {
  displayName: 'server-tenants',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/server/tenants',
};
