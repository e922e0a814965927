import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADAPTERS } from './utils/adapters';
import { bootExample } from './utils/example-app';

/** Debian's Chromium; `.ci/run` installs it with apt when it is missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshot is kept (under dist/, which git ignores). */
const ARTIFACTS = join(__dirname, '..', 'dist', 'test-artifacts');

const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') {
  throw new Error(`Chromium is missing at ${CHROMIUM}. Fix: apt-get install -y chromium.`);
}
if (!available) {
  console.warn(`Swagger UI browser test left out: no Chromium at ${CHROMIUM}.`);
}

(available ? describe.each(ADAPTERS) : describe.skip.each(ADAPTERS))(
  'Swagger UI of the running example app on %s',
  (adapter) => {
    let app: INestApplication;
    let browser: Browser;
    let page: Page;
    let base: string;

    beforeAll(async () => {
      app = await bootExample(adapter, 'sqljs::memory:');
      await app.listen(0, '127.0.0.1');
      base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    /** Opens an operation, presses "Try it out", optionally fills the body, executes it. */
    async function tryItOut(operationId: string, body?: string): Promise<string> {
      const operation = page.locator(`#operations-${operationId.split('_')[0]}-${operationId}`);
      await operation.locator('.opblock-summary').first().click();
      await operation.locator('button.try-out__btn').click();
      if (body !== undefined) {
        await operation.locator('textarea.body-param__text').fill(body);
      }
      await operation.locator('button.execute').click();
      const status = operation.locator('.live-responses-table .response .response-col_status');
      await status.first().waitFor({ timeout: 15000 });
      return (await status.first().innerText()).trim();
    }

    it('authorizes with a JWT from /api/auth/token and tries the products list and create', async () => {
      const response = await fetch(`${base}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'admin-password' }),
      });
      expect(response.status).toBe(200);
      const { access } = (await response.json()) as { access: string };

      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${base}/docs`);
      await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 15000 });

      await page.locator('button.authorize').first().click();
      const modal = page.locator('.modal-ux');
      await modal.locator('input').first().fill(access);
      await modal.locator('button.authorize').first().click();
      await modal.locator('button.btn-done').first().click();
      mkdirSync(ARTIFACTS, { recursive: true });
      // The overview (README's screenshot): the tags and operations, the Authorize lock closed.
      await page.screenshot({ path: join(ARTIFACTS, `swagger-ui-overview-${adapter}.png`) });

      expect(await tryItOut('products_list')).toBe('200');
      const created = await tryItOut(
        'products_create',
        JSON.stringify({ name: 'Atlas of Swagger', price: '12.50', tags: [1], categoryId: 1 }),
      );
      expect(created).toBe('201');

      await page
        .locator('#operations-products-products_create .live-responses-table')
        .scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `swagger-ui-try-it-out-${adapter}.png`) });
      // The page ran without script errors (a Content-Security-Policy that blocks Swagger UI's
      // scripts or styles shows up here).
      expect(errors).toEqual([]);
    });
  },
);
