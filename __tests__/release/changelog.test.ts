/**
 * CHANGELOG.md follows Keep a Changelog, and the release notes of a tag are its section (the
 * release workflow refuses a tag that does not match package.json or has no entry).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogSection, releaseNotes, versionOfTag } from '../../scripts/lib/changelog.js';

const ROOT = join(import.meta.dirname, '..', '..');

const SAMPLE = `# Changelog

## [Unreleased]

### Fixed

- Something after 1.1.0.

## [1.1.0] - 2026-12-01

### Added

- \`--target\` for plan and apply.

### Fixed

- Region ids of every site.

## [1.0.0] - 2026-11-25

### Added

- First release.

## [0.9.0] - 2026-11-01

[Unreleased]: https://github.com/o/r/compare/v1.1.0...HEAD
[1.1.0]: https://github.com/o/r/compare/v1.0.0...v1.1.0
`;

describe('changelogSection', () => {
  it('returns the body of one version, up to the next version', () => {
    expect(changelogSection(SAMPLE, '1.1.0')).toBe(
      '### Added\n\n- `--target` for plan and apply.\n\n### Fixed\n\n- Region ids of every site.',
    );
  });

  it('stops at the link references of the footer', () => {
    expect(changelogSection(SAMPLE, '1.0.0')).toBe('### Added\n\n- First release.');
  });

  it.each([
    { name: 'missing version', version: '1.2.0', error: 'no "## [1.2.0] - YYYY-MM-DD" section' },
    { name: 'empty section', version: '0.9.0', error: 'section for 0.9.0 is empty' },
    { name: 'version as a regex', version: '1.1.0'.replace(/\./g, '?'), error: 'no "## [' },
  ])('refuses a $name', ({ version, error }) => {
    expect(() => changelogSection(SAMPLE, version)).toThrow(error);
  });

  it('reads CRLF files', () => {
    expect(changelogSection(SAMPLE.replace(/\n/g, '\r\n'), '1.0.0')).toBe('### Added\n\n- First release.');
  });
});

describe('releaseNotes', () => {
  it.each([
    { tag: 'v1.1.0', pkg: '1.1.0', ok: true },
    { tag: 'v1.1.0', pkg: '1.0.0', ok: false },
    { tag: '1.1.0', pkg: '1.1.0', ok: false },
    { tag: 'v1', pkg: '1.1.0', ok: false },
  ])('tag $tag with package.json $pkg: ok=$ok', ({ tag, pkg, ok }) => {
    const notes = (): string => releaseNotes(tag, pkg, SAMPLE);
    if (ok) expect(notes()).toContain('--target');
    else expect(notes).toThrow(/does not match|not a release tag/);
  });

  it('accepts pre-release tags', () => {
    expect(versionOfTag('v2.0.0-rc.1')).toBe('2.0.0-rc.1');
  });
});

describe('CHANGELOG.md', async () => {
  const text = await readFile(join(ROOT, 'CHANGELOG.md'), 'utf8');
  const versions = [...text.matchAll(/^## \[([^\]]+)\](.*)$/gm)];

  it('starts with an Unreleased section, then versions with dates, newest first', () => {
    expect(text.startsWith('# Changelog\n')).toBe(true);
    expect(versions[0]?.[1]).toBe('Unreleased');
    for (const [, version, rest] of versions.slice(1)) {
      expect(version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
      expect(rest).toMatch(/^ - \d{4}-\d{2}-\d{2}$/);
    }
  });

  it('groups changes under the Keep a Changelog headings only', () => {
    const groups = [...text.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups)
      expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(group);
  });

  it('has a link reference for every section', () => {
    for (const [, version] of versions) expect(text).toMatch(new RegExp(`^\\[${version}\\]: https://`, 'm'));
  });

  it('has non-empty Unreleased notes', () => {
    expect(changelogSection(text, 'Unreleased')).toMatch(/^### /);
  });
});

describe('LICENSE', () => {
  it('is the MIT licence that package.json declares', async () => {
    const license = await readFile(join(ROOT, 'LICENSE'), 'utf8');
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });
});
