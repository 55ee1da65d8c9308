import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import type { InvitationPreview } from '@fieldwork/contracts';
import { apiError, render as renderComponent, setUpApiTest } from '../shared/testing';
import { AcceptInvitation } from './accept-invitation';

const preview: InvitationPreview = {
  email: 'new@demo.test',
  name: 'Nora New',
  role: 'student',
  tenant: { id: 't', slug: 'demo', name: 'Demo University', timezone: 'America/New_York' },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

describe('AcceptInvitation', () => {
  let api: HttpTestingController;

  function setup(token: string | null) {
    api = setUpApiTest(AcceptInvitation, {
      providers: [{ provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(token ? { token } : {}) } } }],
    });
  }

  const render = () => renderComponent(AcceptInvitation);

  function fill(el: HTMLElement, id: string, value: string): void {
    const input = el.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  afterEach(() => api.verify());

  it('tells the invitee to ask for a new invitation when the link is expired or used', async () => {
    setup('old-token');
    const { fixture, el } = await render();
    api.expectOne('/api/auth/invitations/old-token').flush(...apiError(404, 'Invitation not found'));
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain("This invitation can't be used");
    expect(el.textContent).toContain('Ask your career center');
  });

  it("shows the API's reason for an expired invitation", async () => {
    setup('expired');
    const { fixture, el } = await render();
    api.expectOne('/api/auth/invitations/expired').flush(...apiError(410, 'This invitation has expired. Ask your career center administrator for a new one.'));
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain("This invitation can't be used");
    expect(el.querySelector('.alert')?.textContent).toContain('This invitation has expired.');
    expect(el.querySelectorAll('.alert p').length).toBe(1);
  });

  it('explains a link without a token', async () => {
    setup(null);
    const { el } = await render();
    expect(el.querySelector('h1')?.textContent).toContain('incomplete');
  });

  it('shows the invitation, prefills the name and shows server field errors', async () => {
    setup('tok');
    const { fixture, el } = await render();
    api.expectOne('/api/auth/invitations/tok').flush(preview);
    await fixture.whenStable();

    expect(el.querySelector('h1')?.textContent).toContain('Join Demo University on Fieldwork');
    expect(el.textContent).toContain('new@demo.test');
    expect(el.textContent).toContain('invited as a student');
    expect(el.querySelector<HTMLInputElement>('#accept-name')?.value).toBe('Nora New');

    fill(el, 'accept-password', 'password1234');
    fill(el, 'accept-confirm', 'password1234');
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();

    const req = api.expectOne('/api/auth/accept-invitation');
    expect(req.request.body).toEqual({ token: 'tok', name: 'Nora New', password: 'password1234' });
    req.flush(...apiError(400, 'Validation failed', { password: 'password is too common' }));
    await fixture.whenStable();
    expect(el.querySelector('#accept-password-error')?.textContent).toContain('Password is too common.');
    expect(el.querySelector('#accept-password')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('checks length and confirmation before sending, then signs in and goes home', async () => {
    setup('tok');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, el } = await render();
    api.expectOne('/api/auth/invitations/tok').flush(preview);
    await fixture.whenStable();

    fill(el, 'accept-password', 'short');
    fill(el, 'accept-confirm', 'different');
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
    expect(el.querySelector('#accept-password-error')?.textContent).toContain('at least 12 characters');
    expect(el.querySelector('#accept-confirm-error')?.textContent).toContain('different');
    api.expectNone('/api/auth/accept-invitation');

    fill(el, 'accept-password', 'Networking-Walks-42!');
    fill(el, 'accept-confirm', 'Networking-Walks-42!');
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
    api.expectOne('/api/auth/accept-invitation').flush({
      accessToken: 'a',
      expiresIn: 900,
      user: { id: 'n', email: preview.email, name: 'Nora New', role: 'student', tenant: preview.tenant },
    });
    expect(navigate).toHaveBeenCalledWith('/', { replaceUrl: true });
  });
});
