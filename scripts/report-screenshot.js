// Regenerates docs/report.png, the README's picture of the HTML report: plans the bundled stacks
// (Pulumi.dev.yaml, Pulumi.prod.yaml) as HTML and photographs the prod stack in headless Chromium.
// Usage: node scripts/report-screenshot.js   (needs Debian's chromium at /usr/bin/chromium)
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..');

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-shot-'));
  try {
    const html = path.join(dir, 'report.html');
    const plan = spawnSync(process.execPath, [path.join(root, 'bin/aksnet.js'), 'plan', '--format', 'html', '--out', html], { cwd: root, encoding: 'utf8' });
    if (plan.status !== 0) throw new Error(`aksnet plan failed: ${plan.stderr}`);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(pathToFileURL(html).href);
      await page.locator('section[data-stack="prod"]').screenshot({ path: path.join(root, 'docs/report.png') });
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
});
