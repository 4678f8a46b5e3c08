import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
const context = await browser.newContext({ storageState: 'e2e/.auth/northsideAdmin.json', baseURL: 'http://localhost:3160' });
// cookies are for localhost:3100; copy to 3150
const state = JSON.parse((await import('fs')).readFileSync('e2e/.auth/northsideAdmin.json','utf8'));
await context.addCookies(state.cookies.map(c => ({...c, domain: 'localhost'})));
const page = await context.newPage(); page.setDefaultTimeout(300000);
const errs = [];
page.on('console', m => { if (m.type()==='error') errs.push(page.url()+' '+m.text().slice(0,3000)); });
page.on('pageerror', e => errs.push(page.url()+' PAGEERR '+e.message.slice(0,3000)));
await page.goto('/patients'); 
const href = await page.locator('main a[href^="/patients/"]:not([href$="/new"])').first().getAttribute('href');
for (let i=0;i<Number(process.argv[2]||6);i++) {
  for (const p of ['/audit', href, '/audit?size=100', '/']) { await page.goto(p); await page.waitForLoadState('networkidle'); }
}
console.log(errs.join('\n----\n') || 'no errors');
await browser.close();
