import { Subject, throwError } from 'rxjs';
import { fileDownloads } from './save-file';

describe('fileDownloads', () => {
  beforeAll(() => {
    URL.createObjectURL = jest.fn(() => 'blob:file');
    URL.revokeObjectURL = jest.fn();
  });

  it('is pending while the file comes, then saves it and announces it; a second request meanwhile is ignored', () => {
    const announced: string[] = [];
    const downloads = fileDownloads((message) => announced.push(message));
    const reply = new Subject<{ blob: Blob; filename: string }>();
    const again = new Subject<{ blob: Blob; filename: string }>();
    downloads.start(reply, () => undefined);
    downloads.start(again, () => undefined);
    expect(downloads.pending()).toBe(true);
    expect(again.observed).toBe(false);
    reply.next({ blob: new Blob(['x']), filename: 'my-data.zip' });
    expect(downloads.pending()).toBe(false);
    expect(announced).toEqual(['Downloading my-data.zip.']);
  });

  it('hands a failure to the page and is ready for the next try', () => {
    const failures: unknown[] = [];
    const downloads = fileDownloads(() => undefined);
    downloads.start(throwError(() => new Error('gone')), (error) => failures.push(error));
    expect(failures).toHaveLength(1);
    expect(downloads.pending()).toBe(false);
  });
});
