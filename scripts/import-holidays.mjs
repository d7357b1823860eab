#!/usr/bin/env node
// Imports China's statutory holidays and 调休 working days from the `chinese-days` npm package
// (MIT, https://github.com/vsme/chinese-days) into policies/calendar/<year>.yaml, one file per year.
//
//   node scripts/import-holidays.mjs                 # npm pack chinese-days@1.5.7 into a temp dir
//   node scripts/import-holidays.mjs --package DIR   # use an already unpacked package (DIR/package.json)
//
// The generated YAML is data that is reviewed and committed, not build output. Re-running the
// script with the same package version must produce byte-identical files.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'chinese-days';
const VERSION = '1.5.7';
// npm's integrity for chinese-days-1.5.7.tgz: a different tarball is refused.
const INTEGRITY =
  'sha512-8Z/afgDTct5jsoTLQTOZfpDl7w4pJH4jpr3DLxy6HING9U/e0EV7yiNxF/HVXp/c+eQFfFqv+HQZ/QDaIVJ1Vw==';
const FIRST_YEAR = 2004;
const LAST_YEAR = 2026;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'policies', 'calendar');

// chinese-days uses short names for some festivals; the notices say 清明节, 端午节, 中秋节.
const NAMES = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
  中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日: '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日',
};

// Notices besides the yearly one that changed a year's days. Document numbers are left out on
// purpose: only titles we are sure of are recorded (see policies/calendar/README.md).
const EXTRA_NOTICES = {
  2015: [
    {
      title: '国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知',
      scope: '2015年9月3日至4日放假，9月6日（星期日）上班',
    },
  ],
  2019: [
    {
      title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
      scope: '劳动节改为5月1日至4日放假，4月28日（星期日）、5月5日（星期日）上班',
    },
  ],
  2020: [
    {
      title: '国务院办公厅关于延长2020年春节假期的通知',
      scope: '春节假期延长至2月2日，2月1日（星期六）不再上班',
    },
  ],
};

function args() {
  const a = process.argv.slice(2);
  const i = a.indexOf('--package');
  if (i >= 0) {
    if (!a[i + 1]) throw new Error('--package needs a directory');
    return { packageDir: resolve(a[i + 1]) };
  }
  if (a.length > 0) throw new Error(`unknown arguments: ${a.join(' ')}`);
  return { packageDir: null };
}

function fetchPackage() {
  const tmp = mkdtempSync(join(tmpdir(), 'chinese-days-'));
  const out = execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--json', '--pack-destination', tmp], {
    cwd: tmp,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = JSON.parse(out)[0];
  if (info.integrity !== INTEGRITY) {
    throw new Error(`integrity mismatch for ${info.filename}: ${info.integrity}`);
  }
  execFileSync('tar', ['-xzf', join(tmp, info.filename), '-C', tmp]);
  return { dir: join(tmp, 'package'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

function nameOf(value, date) {
  // value looks like "National Day,国庆节,3": English name, Chinese name, statutory days.
  const parts = value.split(',');
  const zh = parts[1];
  const name = NAMES[zh];
  if (!name) throw new Error(`${date}: unknown holiday name in chinese-days data: ${value}`);
  return name;
}

const dateRe = /^\d{4}-\d{2}-\d{2}$/;

function entries(record) {
  return Object.entries(record ?? {})
    .map(([date, value]) => {
      if (!dateRe.test(date)) throw new Error(`bad date in chinese-days data: ${date}`);
      return { date, name: nameOf(value, date) };
    })
    .sort((x, y) => x.date.localeCompare(y.date));
}

function yamlFile(year, holidays, workingDays) {
  const lines = [];
  lines.push(`# ${year}年 法定节假日与调休上班日。由 scripts/import-holidays.mjs 生成，经人工核对后提交。`);
  lines.push(`# 格式与增补年份的方法见 README.md。`);
  lines.push(`year: ${year}`);
  lines.push(`via: ${PACKAGE} ${VERSION}`);
  lines.push('sources:');
  lines.push(`  - title: 国务院办公厅关于${year}年部分节假日安排的通知`);
  for (const extra of EXTRA_NOTICES[year] ?? []) {
    lines.push(`  - title: ${extra.title}`);
    lines.push(`    scope: ${extra.scope}`);
  }
  // Late-December days around 元旦 are fixed by the next year's notice.
  const december = [...holidays, ...workingDays].filter((e) => e.date.slice(5, 7) === '12');
  if (december.length > 0) {
    if (december.some((e) => e.name !== '元旦')) throw new Error(`${year}: December day that is not 元旦`);
    const days = [...new Set(december.map((e) => Number(e.date.slice(8, 10))))].sort((a, b) => a - b);
    lines.push(`  - title: 国务院办公厅关于${year + 1}年部分节假日安排的通知`);
    lines.push(`    scope: ${year + 1}年元旦调休涉及的${year}年12月${days.join('日、')}日`);
  }
  lines.push('holidays:');
  for (const h of holidays) lines.push(`  - { date: ${h.date}, name: ${h.name} }`);
  lines.push('workingDays:');
  if (workingDays.length === 0) lines[lines.length - 1] = 'workingDays: []';
  for (const w of workingDays) lines.push(`  - { date: ${w.date}, name: ${w.name} }`);
  return lines.join('\n') + '\n';
}

function main() {
  const { packageDir } = args();
  const fetched = packageDir ? null : fetchPackage();
  const dir = packageDir ?? fetched.dir;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.name !== PACKAGE || pkg.version !== VERSION) {
      throw new Error(`expected ${PACKAGE}@${VERSION}, found ${pkg.name}@${pkg.version}`);
    }
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      const file = join(dir, 'dist', 'years', `${year}.json`);
      if (!existsSync(file)) throw new Error(`missing ${file}`);
      const data = JSON.parse(readFileSync(file, 'utf8'));
      const holidays = entries(data.holidays);
      const workingDays = entries(data.workdays);
      for (const e of [...holidays, ...workingDays]) {
        if (!e.date.startsWith(`${year}-`)) throw new Error(`${year}.json holds ${e.date}`);
      }
      // inLieuDays (调休放假) are a subset of holidays in chinese-days; check rather than assume.
      const holidayDates = new Set(holidays.map((h) => h.date));
      for (const d of Object.keys(data.inLieuDays ?? {})) {
        if (!holidayDates.has(d)) throw new Error(`${year}: in-lieu day ${d} is not a holiday`);
      }
      const out = join(outDir, `${year}.yaml`);
      writeFileSync(out, yamlFile(year, holidays, workingDays));
      console.log(`wrote ${out} (${holidays.length} holidays, ${workingDays.length} working days)`);
    }
  } finally {
    fetched?.cleanup();
  }
}

main();
