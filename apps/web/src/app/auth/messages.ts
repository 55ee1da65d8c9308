import { ErrorMessages, minLengthMessage } from '@fieldwork/web-ui';

/** The words for the sign-in and password pages' fields, kept in one place so the pages say the same. */
export const EMAIL_MESSAGES: ErrorMessages = {
  required: 'Enter your email address.',
  email: 'Enter an email address like name@university.edu.',
};

export const PASSWORD_MESSAGES: ErrorMessages = { required: 'Enter your password.' };

export const TENANT_MESSAGES: ErrorMessages = { required: 'Enter your career center’s short name.' };

export const NEW_PASSWORD_MESSAGES: ErrorMessages = {
  required: 'Choose a password.',
  minlength: minLengthMessage('Your password'),
};

export const PASSWORD_AGAIN_MESSAGES: ErrorMessages = {
  required: 'Type your password again.',
  mismatch: 'The two passwords are different. Type the same password twice.',
};
