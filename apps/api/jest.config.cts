module.exports = {
  displayName: 'api',
  preset: '../../jest.server.preset.js',
  coverageDirectory: '../../coverage/apps/api',
};
