module.exports = {
  displayName: 'contracts',
  preset: '../../../jest.server.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/contracts',
};
