import { copyToClipboard } from './clipboard';

describe('copyToClipboard', () => {
  afterEach(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });

  it('uses the Clipboard API', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await expect(copyToClipboard(document, 'fwt_x')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('fwt_x');
  });

  it('without it, selects the field so the person can copy it, and says whether the browser copied', async () => {
    const field = document.createElement('input');
    field.value = 'https://fieldwork.test/feed.ics';
    document.body.appendChild(field);
    const execCommand = jest.fn().mockReturnValue(false);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    await expect(copyToClipboard(document, field.value, field)).resolves.toBe(false);
    expect(document.activeElement).toBe(field);
    expect(execCommand).toHaveBeenCalledWith('copy');
    await expect(copyToClipboard(document, field.value)).resolves.toBe(false);
    field.remove();
  });
});
