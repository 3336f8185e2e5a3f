/** Debian's chromium, which the kit's scripts install (scripts/install-system-deps.sh); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Prints an HTML page to an A4 PDF with headless chromium (the browser the kit's tests already use), offline: the
 * page is given as text, nothing is fetched. A clear error when chromium is not there.
 */
export async function printPdf(html: string, path: string): Promise<void> {
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new Error('--pdf needs the playwright-core package (npm ci installs it with the kit)');
  }
  let browser: import('playwright-core').Browser;
  try {
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  } catch (error) {
    throw new Error(`--pdf needs chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    const page = await browser.newPage();
    // Nothing leaves the machine: the page is self-contained.
    await page.route('**/*', (route) => void route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
