import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { Contact } from '@fieldwork/contracts';
import { ContactsService, TenantTime, shortDateText, readApiError } from '@fieldwork/web-core';
import { Subject, Subscription, debounceTime, distinctUntilChanged, map } from 'rxjs';
import { ContactForm } from './contact-form';

export const CONTACTS_PAGE_SIZE = 25;
export const CONTACT_SEARCH_DEBOUNCE_MS = 300;

/** Student: "My network" — contacts, search, follow-ups due, and adding someone. */
@Component({
  selector: 'app-network-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ContactForm],
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
  private readonly contacts = inject(ContactsService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly search$ = new Subject<string>();
  private request: Subscription | null = null;

  protected readonly query = signal('');
  protected readonly followUpDue = signal(false);
  protected readonly items = signal<Contact[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly notice = signal<string | null>(null);
  protected readonly adding = signal(false);
  protected readonly filtered = computed(() => !!this.query() || this.followUpDue());

  constructor() {
    this.search$
      .pipe(
        map((text) => text.trim()),
        debounceTime(CONTACT_SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((text) => {
        this.query.set(text);
        this.reload();
      });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    // A message handed over by the contact page (e.g. after a deletion).
    const state = inject(Router).currentNavigation()?.extras.state as { notice?: unknown } | undefined;
    if (state && typeof state.notice === 'string') {
      this.notice.set(state.notice);
      this.focus('#network-notice');
    }
    this.reload();
  }

  protected reload(): void {
    this.fetch(null);
  }

  protected onSearch(event: Event): void {
    this.search$.next((event.target as HTMLInputElement).value);
  }

  protected onFollowUpFilter(event: Event): void {
    this.followUpDue.set((event.target as HTMLInputElement).checked);
    this.reload();
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loadingMore()) this.fetch(cursor);
  }

  protected toggleAdd(): void {
    const open = !this.adding();
    this.adding.set(open);
    this.focus(open ? '#add-contact-heading ~ app-contact-form input' : '#add-contact-button');
  }

  protected onAdded(contact: Contact): void {
    this.adding.set(false);
    this.notice.set(`Added ${contact.name} to your network.`);
    this.items.update((list) => [contact, ...list.filter((c) => c.id !== contact.id)]);
    this.focus('#network-notice');
  }

  protected subtitle(contact: Contact): string {
    if (contact.role && contact.organization) return `${contact.role} at ${contact.organization}`;
    return contact.role ?? contact.organization ?? '';
  }

  private readonly time = inject(TenantTime);

  /** "Mar 3": the day in the career center's zone. */
  protected date(iso: string | null): string {
    return iso ? shortDateText(iso, new Date(), this.time.zone()) : '';
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }

  private fetch(cursor: string | null): void {
    const append = cursor !== null;
    if (append) {
      this.loadingMore.set(true);
    } else {
      this.request?.unsubscribe();
      this.loading.set(true);
      this.announcement.set('Loading your network…');
    }
    this.loadError.set(null);
    const sub = this.contacts
      .list({
        q: this.query() || undefined,
        followUpDue: this.followUpDue() || undefined,
        cursor: cursor ?? undefined,
        limit: CONTACTS_PAGE_SIZE,
      })
      .subscribe({
        next: (page) => {
          this.items.update((current) => (append ? [...current, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
          this.loadingMore.set(false);
          const n = this.items().length;
          const more = page.nextCursor ? ' (more to load)' : '';
          this.announcement.set(
            this.filtered()
              ? `${n} ${n === 1 ? 'contact matches' : 'contacts match'}${more}.`
              : `${n} ${n === 1 ? 'contact' : 'contacts'} in your network${more}.`,
          );
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.loadingMore.set(false);
          this.announcement.set('');
          this.loadError.set(readApiError(err, 'Could not load your network.').message);
        },
      });
    if (!append) this.request = sub;
  }
}
