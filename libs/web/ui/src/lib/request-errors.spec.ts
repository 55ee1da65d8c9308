import { RequestErrors } from './request-errors';

describe('RequestErrors', () => {
  it('keeps field messages for the fields shown and puts the others in the alert sentence', () => {
    const errors = new RequestErrors(['email', 'name']);
    const atField = errors.show({
      message: 'Check the form.',
      fieldErrors: { email: 'That email is taken.', tenant: 'The career center is closed.' },
    });
    expect(atField).toBe(true);
    expect(errors.fields()['email']).toBe('That email is taken.');
    expect(errors.message()).toBe('Check the form. The career center is closed.');
  });

  it('says when no message stands beside a field, and clears', () => {
    const errors = new RequestErrors(['email']);
    expect(errors.show({ message: 'Server trouble.', fieldErrors: {} })).toBe(false);
    expect(errors.message()).toBe('Server trouble.');
    errors.clear();
    expect(errors.message()).toBeNull();
    expect(errors.fields()).toEqual({});
  });
});
