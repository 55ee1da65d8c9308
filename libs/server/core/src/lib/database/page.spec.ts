import { decodeCursor } from '../http/cursor';
import { pageOf } from './page';

describe('pageOf', () => {
  const rows = [
    { id: 'a', name: 'Ada' },
    { id: 'b', name: 'Bo' },
    { id: 'c', name: 'Cy' },
  ];
  const toItem = (row: { id: string; name: string }) => row.name;
  const sortKey = (row: { id: string; name: string }) => [row.name.toLowerCase(), row.id];

  it('answers the first `limit` rows and a cursor after the last of them when the extra row came back', () => {
    const page = pageOf(rows, 2, toItem, sortKey);
    expect(page.items).toEqual(['Ada', 'Bo']);
    expect(decodeCursor(page.nextCursor as string, 2)).toEqual(['bo', 'b']);
  });

  it('has no cursor on the last page', () => {
    expect(pageOf(rows, 3, toItem, sortKey)).toEqual({ items: ['Ada', 'Bo', 'Cy'], nextCursor: null });
    expect(pageOf([], 3, toItem, sortKey)).toEqual({ items: [], nextCursor: null });
  });
});
