import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FwDataTable, FwRow } from './data-table';

interface Person {
  id: number;
  name: string;
  role: string;
}

@Component({
  imports: [FwDataTable, FwRow],
  template: `
    <fw-data-table caption="People" [columns]="columns">
      <ng-template fwRow [fwRowOf]="people()" [fwRowTrackBy]="byId" let-person>
        <th scope="row">{{ person.name }}</th>
        <td>{{ person.role }}</td>
        <td><button type="button">Edit</button></td>
      </ng-template>
    </fw-data-table>
  `,
})
class TableHost {
  readonly columns = [{ header: 'Name' }, { header: 'Role' }, { header: 'Actions', hideHeader: true }];
  readonly people = signal<Person[]>([
    { id: 1, name: 'Ada', role: 'Admin' },
    { id: 2, name: 'Grace', role: 'Staff' },
  ]);
  readonly byId = (person: Person) => person.id;
}

describe('fw-data-table', () => {
  it('renders a captioned table with column headers and one row per item', async () => {
    const fixture = TestBed.createComponent(TableHost);
    await fixture.whenStable();
    const table = (fixture.nativeElement as HTMLElement).querySelector('table');
    expect(table?.querySelector('caption')?.textContent?.trim()).toBe('People');
    const headers = Array.from(table?.querySelectorAll('thead th') ?? []);
    expect(headers.map((th) => th.textContent?.trim())).toEqual(['Name', 'Role', 'Actions']);
    expect(headers.every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    expect(headers[2].querySelector('.visually-hidden')).not.toBeNull();
    const rows = table?.querySelectorAll('tbody tr') ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('th[scope=row]')?.textContent).toBe('Ada');
  });

  it('labels each body cell with its column header for the phone layout', async () => {
    const fixture = TestBed.createComponent(TableHost);
    await fixture.whenStable();
    fixture.componentInstance.people.update((list: Person[]) => [...list, { id: 3, name: 'Linus', role: 'Student' }]);
    await fixture.whenStable();
    const rows = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr'));
    expect(rows).toHaveLength(3);
    const last = rows[2].querySelectorAll('td');
    expect(last[0].getAttribute('data-label')).toBe('Role');
    expect(last[0].textContent).toBe('Student');
    expect(last[1].getAttribute('data-label')).toBe('Actions');
  });
});
