import { ERASURE_RULE_TEXT, type DeletionRequestSummary } from '@fieldwork/contracts';
import { apiError, buttonNamed, useApiTest } from '../../shared/testing';
import { DeleteAccountCard } from './delete-account';

const pending: DeletionRequestSummary = {
  id: '11111111-1111-4111-8111-111111111111',
  status: 'pending',
  user: { id: 'u1', name: 'Stu Student', email: 'stu@x.test', role: 'student' },
  requestedBy: { id: 'u1', name: 'Stu Student' },
  reason: null,
  createdAt: '2026-11-20T15:00:00Z',
  approvedAt: null,
  approvedBy: null,
  finishedAt: null,
  cancelledAt: null,
  impact: { tasks: 3, reflections: 2, contacts: 4, interactions: 9 },
  rule: ERASURE_RULE_TEXT,
};

describe('DeleteAccountCard', () => {
  const { api, render } = useApiTest(DeleteAccountCard);

  it('explains what happens, asks to confirm, sends the reason and then shows the pending request', async () => {
    const { fixture, el } = await render();
    api.expectOne('/api/me/deletion-request').flush({ request: null });
    await fixture.whenStable();
    expect(el.textContent).toContain(ERASURE_RULE_TEXT);
    expect(buttonNamed(el, 'Yes, ask to delete')).toBeUndefined();

    buttonNamed(el, 'Delete my account…')?.click();
    await fixture.whenStable();
    const reason = el.querySelector<HTMLTextAreaElement>('#deletion-reason');
    expect(el.querySelector('label[for="deletion-reason"]')?.textContent).toContain('Why');
    if (!reason) throw new Error('no #deletion-reason');
    reason.value = '  Moving on  ';
    reason.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    buttonNamed(el, 'Yes, ask to delete my account')?.click();
    const sent = api.expectOne((r) => r.method === 'POST' && r.url === '/api/me/deletion-request');
    expect(sent.request.body).toEqual({ reason: 'Moving on' });
    sent.flush({ id: pending.id });
    api.expectOne('/api/me/deletion-request').flush({ request: pending });
    await fixture.whenStable();
    expect(el.querySelector('#deletion-pending')?.textContent).toContain('An administrator has not approved it yet');
    expect(el.querySelector('#deletion-status')?.textContent).toContain('sent to your career center');
  });

  it('cancels a pending request', async () => {
    const { fixture, el } = await render();
    api.expectOne('/api/me/deletion-request').flush({ request: pending });
    await fixture.whenStable();
    buttonNamed(el, 'Cancel my deletion request')?.click();
    api.expectOne((r) => r.method === 'DELETE' && r.url === '/api/me/deletion-request').flush(null, { status: 204, statusText: 'No Content' });
    api.expectOne('/api/me/deletion-request').flush({ request: { ...pending, status: 'cancelled', cancelledAt: '2026-11-21T10:00:00Z' } });
    await fixture.whenStable();
    expect(el.querySelector('#deletion-pending')).toBeNull();
    expect(el.querySelector('#deletion-status')?.textContent).toContain('cancelled');
    expect(buttonNamed(el, 'Delete my account…')).toBeDefined();
  });

  it('says the account is being deleted once approved (nothing left to cancel)', async () => {
    const { fixture, el } = await render();
    api.expectOne('/api/me/deletion-request').flush({ request: { ...pending, status: 'approved' } });
    await fixture.whenStable();
    expect(el.querySelector('#deletion-approved')?.textContent).toContain('being deleted');
    expect(buttonNamed(el, 'Cancel my deletion request')).toBeUndefined();
  });

  it('shows the API’s words when the request is refused', async () => {
    const { fixture, el } = await render();
    api.expectOne('/api/me/deletion-request').flush({ request: null });
    await fixture.whenStable();
    buttonNamed(el, 'Delete my account…')?.click();
    await fixture.whenStable();
    buttonNamed(el, 'Yes, ask to delete my account')?.click();
    api
      .expectOne((r) => r.method === 'POST')
      .flush(...apiError(409, 'You already have a deletion request open'));
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('You already have a deletion request open');
  });
});
