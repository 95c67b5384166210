/**
 * Reads CHANGELOG.md (Keep a Changelog 1.1.0 layout: `## [1.2.3] - 2026-12-01` headings, newest
 * first, `### Added` / `### Changed` / … groups, link references at the end) for the release
 * workflow: the notes of one version, and the check that a tag names the packaged version.
 */

/** A release tag: `v` + semantic version (pre-release suffix allowed, build metadata not). */
const TAG = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/** The version a release tag names; throws when `tag` is not `vX.Y.Z` (or `vX.Y.Z-pre`). */
export function versionOfTag(tag: string): string {
  const match = TAG.exec(tag);
  if (!match?.[1]) throw new Error(`"${tag}" is not a release tag (expected vX.Y.Z, e.g. v1.2.3)`);
  return match[1];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The body of the `## [version]` section (without its heading, trimmed), for the release notes.
 * Throws when the section is missing or empty, naming the version, so a tag cannot publish a
 * release whose changes were never written down.
 */
export function changelogSection(changelog: string, version: string): string {
  const lines = changelog.replace(/\r\n/g, '\n').split('\n');
  const heading = new RegExp(`^## \\[${escapeRegExp(version)}\\](?: - \\d{4}-\\d{2}-\\d{2})?\\s*$`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) throw new Error(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section`);
  const rest = lines.slice(start + 1);
  // The section ends at the next version heading or at the link references of the footer.
  const end = rest.findIndex((line) => line.startsWith('## ') || /^\[[^\]]+\]: /.test(line));
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  if (body === '') throw new Error(`CHANGELOG.md's section for ${version} is empty`);
  return body;
}

/**
 * The release notes for `tag`: its CHANGELOG.md section, once the tag is known to name the
 * version package.json declares (a tag on an un-bumped commit is refused).
 */
export function releaseNotes(tag: string, packageVersion: string, changelog: string): string {
  const version = versionOfTag(tag);
  if (version !== packageVersion)
    throw new Error(`tag ${tag} does not match package.json's version ${packageVersion}: bump it first`);
  return changelogSection(changelog, version);
}
