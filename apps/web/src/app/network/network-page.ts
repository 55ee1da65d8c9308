import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { Contact } from '@fieldwork/contracts';
import { ContactsService, TenantTime, shortDateText, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwDataTable, FwLoadMore, FwRow, FwStatusBadge, cursorList, debouncedSearch, pageFocus } from '@fieldwork/web-ui';
import { ContactForm } from './contact-form';

export const CONTACTS_PAGE_SIZE = 25;
export const CONTACT_SEARCH_DEBOUNCE_MS = 300;

/** Student: "My network" — contacts, search, follow-ups due, and adding someone. */
@Component({
  selector: 'app-network-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ContactForm, FwAlert, FwDataTable, FwRow, FwStatusBadge, FwLoadMore],
  templateUrl: './network-page.html',
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1rem;
      align-items: flex-start;
      justify-content: space-between;
    }
    .head > div {
      flex: 1 1 20rem;
    }
    .toggle {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      min-height: 2.625rem;
      font-weight: 600;
    }
    .toggle input {
      width: 1.125rem;
      height: 1.125rem;
    }
    .toolbar .toggle-field {
      flex: 0 0 auto;
    }
    .quote {
      font-style: italic;
    }
  `,
})
export class NetworkPage {
  private readonly api = inject(ContactsService);
  private readonly focus = pageFocus();
  private readonly time = inject(TenantTime);

  protected readonly query = signal('');
  protected readonly followUpDue = signal(false);
  protected readonly contacts = cursorList(
    (cursor) =>
      this.api.list({
        q: this.query() || undefined,
        followUpDue: this.followUpDue() || undefined,
        cursor: cursor ?? undefined,
        limit: CONTACTS_PAGE_SIZE,
      }),
    { errorMessage: (err) => readApiError(err, 'Could not load your network.').message },
  );
  protected readonly notice = signal<string | null>(null);
  protected readonly adding = signal(false);
  protected readonly filtered = computed(() => !!this.query() || this.followUpDue());
  protected readonly columns = [{ header: 'Name' }, { header: 'Sector' }, { header: 'Last interaction' }, { header: 'Next follow-up' }];
  protected readonly byId = (contact: Contact) => contact.id;

  /** What the status line says: loading, or how many contacts the list holds. */
  protected readonly announcement = computed(() => {
    const list = this.contacts;
    if (list.loading() && !list.loadingMore()) return 'Loading your network…';
    if (list.error() || !list.loaded()) return '';
    const n = list.items().length;
    const more = list.hasMore() ? ' (more to load)' : '';
    return this.filtered()
      ? `${n} ${n === 1 ? 'contact matches' : 'contacts match'}${more}.`
      : `${n} ${n === 1 ? 'contact' : 'contacts'} in your network${more}.`;
  });

  protected readonly onSearch = debouncedSearch((text) => {
    this.query.set(text);
    this.contacts.reload();
  }, CONTACT_SEARCH_DEBOUNCE_MS);

  constructor() {
    // A message handed over by the contact page (e.g. after a deletion).
    const state = inject(Router).currentNavigation()?.extras.state as { notice?: unknown } | undefined;
    if (state && typeof state.notice === 'string') {
      this.notice.set(state.notice);
      this.focus.after('#network-notice');
    }
    this.contacts.reload();
  }

  protected onFollowUpFilter(event: Event): void {
    this.followUpDue.set((event.target as HTMLInputElement).checked);
    this.contacts.reload();
  }

  protected toggleAdd(): void {
    const open = !this.adding();
    this.adding.set(open);
    this.focus.after(open ? '#add-contact-heading ~ app-contact-form input' : '#add-contact-button');
  }

  protected onAdded(contact: Contact): void {
    this.adding.set(false);
    this.notice.set(`Added ${contact.name} to your network.`);
    this.contacts.replace((list) => [contact, ...list.filter((c) => c.id !== contact.id)]);
    this.focus.after('#network-notice');
  }

  protected subtitle(contact: Contact): string {
    if (contact.role && contact.organization) return `${contact.role} at ${contact.organization}`;
    return contact.role ?? contact.organization ?? '';
  }

  /** "Mar 3": the day in the career center's zone. */
  protected date(iso: string | null): string {
    return iso ? shortDateText(iso, new Date(), this.time.zone()) : '';
  }

}
