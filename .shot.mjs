import { chromium } from '@playwright/test';
const [,, email, ...paths] = process.argv;
const base = 'http://localhost:3251';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const width of [1280, 390]) {
  const ctx = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, hasTouch: width === 390 });
  const page = await ctx.newPage();
  await page.goto(base + '/login', { timeout: 300000 });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-pass-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 400000 });
  for (const p of paths) {
    const [path, action] = p.split('#');
    await page.goto(base + path, { timeout: 400000 });
    await page.waitForLoadState('networkidle');
    if (action === 'menu' && width === 390) { await page.getByRole('button', { name: 'Menu' }).tap(); }
    const name = `/tmp/shell-shots/${width}${path.replace(/\//g, '_') || '_home'}${action ? '-' + action : ''}.png`;
    await page.screenshot({ path: name, fullPage: false });
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    const off = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > innerWidth + 1 && !e.closest('[data-scroll-container]'); }).slice(0, 6).map((e) => e.tagName + '.' + String(e.className).slice(0, 60) + ' ' + Math.round(e.getBoundingClientRect().right)));
    console.log(name, 'overflow', overflow, off.join(' | '));
  }
  await ctx.close();
}
await browser.close();
