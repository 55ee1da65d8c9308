import type { DeliveryMode, NotificationPreferences } from '@fieldwork/contracts';
import { TestBed } from '@angular/core/testing';
import { apiError, useApiTest } from '../shared/testing';
import { NotificationPreferencesCard, PREFERENCES_INTRO } from './notification-preferences';

const URL = '/api/me/notification-preferences';

function preferences(modes: { dueSoon?: DeliveryMode; newHomework?: DeliveryMode } = {}): NotificationPreferences {
  return {
    timezone: 'America/Chicago',
    items: [
      {
        kind: 'new_assignment',
        label: 'New homework',
        description: 'An advisor gives you new homework.',
        mode: modes.newHomework ?? 'immediately',
        modes: ['immediately', 'digest', 'off'],
      },
      {
        kind: 'due_soon',
        label: 'Due soon',
        description: 'Homework you have not submitted is due within two days.',
        mode: modes.dueSoon ?? 'immediately',
        modes: ['immediately', 'digest', 'off'],
      },
    ],
  };
}

const staffPreferences: NotificationPreferences = {
  timezone: 'Europe/Paris',
  items: [
    {
      kind: 'review_digest',
      label: 'Needs review (daily)',
      description: 'Each morning at 08:00, the reflections waiting for your review.',
      mode: 'immediately',
      modes: ['immediately', 'off'],
    },
  ],
};

describe('NotificationPreferencesCard', () => {
  const { api } = useApiTest(NotificationPreferencesCard);

  async function render(answer: NotificationPreferences = preferences()) {
    const fixture = TestBed.createComponent(NotificationPreferencesCard);
    await fixture.whenStable();
    const get = api.expectOne(URL);
    expect(get.request.method).toBe('GET');
    get.flush(answer);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  const group = (el: HTMLElement, legend: string) =>
    [...el.querySelectorAll('fieldset')].find((f) => f.querySelector('legend')?.textContent?.trim() === legend) as
      | HTMLFieldSetElement
      | undefined;

  /** The radio whose label reads `label` inside the group named `legend`. */
  function radio(el: HTMLElement, legend: string, label: string): HTMLInputElement {
    const fieldset = group(el, legend);
    const found = [...(fieldset?.querySelectorAll('label') ?? [])].find((l) => l.textContent?.trim() === label);
    const input = found && (fieldset?.ownerDocument.getElementById(found.htmlFor) as HTMLInputElement | null);
    if (!input) throw new Error(`No radio "${label}" in "${legend}"`);
    return input;
  }

  function pick(input: HTMLInputElement): void {
    input.checked = true;
    input.dispatchEvent(new Event('change'));
  }

  const statusOf = (el: HTMLElement, legend: string) => group(el, legend)?.querySelector('[role=status]');

  it('shows each kind as a labelled radio group with the allowed modes, the current one chosen', async () => {
    const { el } = await render(preferences({ dueSoon: 'digest' }));
    expect(el.textContent).toContain(PREFERENCES_INTRO);

    const dueSoon = group(el, 'Due soon');
    expect(dueSoon?.textContent).toContain('due within two days');
    const hint = el.querySelector(`#${dueSoon?.getAttribute('aria-describedby')}`);
    expect(hint?.textContent).toContain('due within two days');
    expect([...(dueSoon?.querySelectorAll('label') ?? [])].map((l) => l.textContent?.trim())).toEqual([
      'Right away',
      'In my daily digest (08:00 America/Chicago)',
      'Off',
    ]);
    expect(radio(el, 'Due soon', 'In my daily digest (08:00 America/Chicago)').checked).toBe(true);
    expect(radio(el, 'Due soon', 'Right away').checked).toBe(false);
    expect(radio(el, 'New homework', 'Right away').checked).toBe(true);

    // One group per kind: a radio name per kind.
    const names = new Set([...el.querySelectorAll<HTMLInputElement>('input[type=radio]')].map((r) => r.name));
    expect(names.size).toBe(2);
  });

  it('offers only the modes a kind allows (no digest of a digest)', async () => {
    const { el } = await render(staffPreferences);
    const labels = [...(group(el, 'Needs review (daily)')?.querySelectorAll('label') ?? [])].map((l) =>
      l.textContent?.trim(),
    );
    expect(labels).toEqual(['Right away', 'Off']);
  });

  it('saves a change at once, sending only that kind, and says so politely', async () => {
    const { fixture, el } = await render();
    pick(radio(el, 'Due soon', 'In my daily digest (08:00 America/Chicago)'));
    await fixture.whenStable();
    expect(statusOf(el, 'Due soon')?.textContent?.trim()).toBe('Saving…');

    const put = api.expectOne(URL);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ preferences: [{ kind: 'due_soon', mode: 'digest' }] });
    put.flush(preferences({ dueSoon: 'digest' }));
    await fixture.whenStable();

    const status = statusOf(el, 'Due soon');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent?.trim()).toBe('Saved: in your daily digest at 08:00 (America/Chicago).');
    expect(radio(el, 'Due soon', 'In my daily digest (08:00 America/Chicago)').checked).toBe(true);

    pick(radio(el, 'New homework', 'Off'));
    await fixture.whenStable();
    const off = api.expectOne(URL);
    expect(off.request.body).toEqual({ preferences: [{ kind: 'new_assignment', mode: 'off' }] });
    off.flush(preferences({ dueSoon: 'digest', newHomework: 'off' }));
    await fixture.whenStable();
    expect(statusOf(el, 'New homework')?.textContent?.trim()).toBe('Saved: off.');
    // Only the kind changed last says "Saved".
    expect(statusOf(el, 'Due soon')?.textContent?.trim()).toBe('');
    expect(radio(el, 'Due soon', 'In my daily digest (08:00 America/Chicago)').checked).toBe(true);
  });

  it('puts the saved choice back and explains when saving fails', async () => {
    const { fixture, el } = await render();
    pick(radio(el, 'Due soon', 'Off'));
    await fixture.whenStable();
    api.expectOne(URL).flush(...apiError(400, 'Validation failed', { 'preferences[0].mode': 'must be one of immediately, digest' }));
    await fixture.whenStable();

    const alert = group(el, 'Due soon')?.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('Could not save your choice for “Due soon”.');
    expect(alert?.textContent).toContain('Must be one of immediately, digest.');
    expect(group(el, 'Due soon')?.getAttribute('aria-describedby')).toContain(alert?.id);
    expect(radio(el, 'Due soon', 'Right away').checked).toBe(true);
    expect(radio(el, 'Due soon', 'Off').checked).toBe(false);
    expect(statusOf(el, 'Due soon')?.textContent?.trim()).toBe('');

    // A later success clears the message.
    pick(radio(el, 'Due soon', 'Off'));
    await fixture.whenStable();
    api.expectOne(URL).flush(preferences({ dueSoon: 'off' }));
    await fixture.whenStable();
    expect(group(el, 'Due soon')?.querySelector('[role=alert]')).toBeNull();
    expect(statusOf(el, 'Due soon')?.textContent?.trim()).toBe('Saved: off.');
  });

  it('says so when the settings cannot be loaded, and can try again', async () => {
    const fixture = TestBed.createComponent(NotificationPreferencesCard);
    await fixture.whenStable();
    api.expectOne(URL).flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Something went wrong');
    expect(el.querySelector('input[type=radio]')).toBeNull();

    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Try again'))?.click();
    await fixture.whenStable();
    api.expectOne(URL).flush(preferences());
    await fixture.whenStable();
    expect(el.querySelectorAll('fieldset')).toHaveLength(2);
  });
});
