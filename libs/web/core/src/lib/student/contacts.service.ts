import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  MAX_PAGE_SIZE,
  type Contact,
  type ContactInput,
  type ContactListQuery,
  type Interaction,
  type LogInteractionRequest,
  type Page,
} from '@fieldwork/contracts';
import { EMPTY, Observable, expand, reduce } from 'rxjs';
import { API_BASE } from '../api';

/** Student: their own network of contacts and the interactions with each. */
@Injectable({ providedIn: 'root' })
export class ContactsService {
  private readonly http = inject(HttpClient);

  list(query: ContactListQuery = {}): Observable<Page<Contact>> {
    let params = new HttpParams();
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    if (query.followUpDue) params = params.set('followUpDue', 'true');
    if (query.cursor) params = params.set('cursor', query.cursor);
    if (query.limit) params = params.set('limit', String(query.limit));
    return this.http.get<Page<Contact>>(`${API_BASE}/contacts`, { params });
  }

  /** Every contact (for a picker), following cursors up to `maxPages` pages. */
  listAll(maxPages = 5): Observable<Contact[]> {
    let pages = 0;
    return this.list({ limit: MAX_PAGE_SIZE }).pipe(
      expand((page) => (page.nextCursor && ++pages < maxPages ? this.list({ limit: MAX_PAGE_SIZE, cursor: page.nextCursor }) : EMPTY)),
      reduce((all, page) => [...all, ...page.items], [] as Contact[]),
    );
  }

  get(id: string): Observable<Contact> {
    return this.http.get<Contact>(contactUrl(id));
  }

  create(input: ContactInput): Observable<Contact> {
    return this.http.post<Contact>(`${API_BASE}/contacts`, input);
  }

  update(id: string, changes: Partial<ContactInput>): Observable<Contact> {
    return this.http.patch<Contact>(contactUrl(id), changes);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(contactUrl(id));
  }

  /** The timeline, newest first. */
  interactions(id: string): Observable<Interaction[]> {
    return this.http.get<Interaction[]>(`${contactUrl(id)}/interactions`);
  }

  /** Logs an interaction; the contact's follow-up clock restarts from `occurredAt`. */
  logInteraction(id: string, request: LogInteractionRequest): Observable<Interaction> {
    return this.http.post<Interaction>(`${contactUrl(id)}/interactions`, request);
  }
}

function contactUrl(id: string): string {
  return `${API_BASE}/contacts/${encodeURIComponent(id)}`;
}
