/**
 * Copies `text`: the Clipboard API first; where it is missing or refused (an http page, an old
 * browser), selects `field` and asks the browser to copy. True when the text was copied; when false,
 * the field (if given) is selected so the person can press Ctrl+C.
 */
export async function copyToClipboard(doc: Document, text: string, field?: HTMLInputElement): Promise<boolean> {
  try {
    const clipboard = doc.defaultView?.navigator.clipboard;
    if (!clipboard) throw new Error('no clipboard');
    await clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.focus();
    field.select();
    return doc.execCommand?.('copy') ?? false;
  }
}
