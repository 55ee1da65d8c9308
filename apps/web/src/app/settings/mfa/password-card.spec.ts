import { HttpTestingController } from '@angular/common/http/testing';
import { apiError, render, setUpApiTest } from '../../shared/testing';
import { PASSWORD_CHANGED, PasswordCard } from './password-card';

describe('Settings: Password', () => {
  it('checks the form, shows the API’s refusal next to its field, then confirms and clears the form', async () => {
    const api: HttpTestingController = setUpApiTest(PasswordCard);
    const { fixture, el, fill, submit } = await render(PasswordCard);

    await submit();
    expect(el.querySelector('#password-current-error')?.textContent).toContain('Enter your current password.');
    api.expectNone('/api/auth/password');

    fill('password-current', 'old-password-here');
    fill('password-new', 'Harbor-Lantern-Quilt-58');
    fill('password-confirm', 'Harbor-Lantern-Quilt-58');
    await submit();
    const refused = api.expectOne('/api/auth/password');
    expect(refused.request.body).toEqual({ currentPassword: 'old-password-here', newPassword: 'Harbor-Lantern-Quilt-58' });
    refused.flush(...apiError(400, 'Invalid currentPassword', { currentPassword: 'that is not your current password' }));
    await fixture.whenStable();
    expect(el.querySelector('#password-current-error')?.textContent).toContain('That is not your current password.');

    await submit();
    api.expectOne('/api/auth/password').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent).toContain(PASSWORD_CHANGED);
    expect(el.querySelector<HTMLInputElement>('#password-new')?.value).toBe('');
    api.verify();
  });
});
