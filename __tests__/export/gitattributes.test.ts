/** The .gitattributes advice export prints for CRLF content files. */
import { describe, expect, it } from 'vitest';
import { crlfContentFiles, gitattributesLines } from '../../src/export/gitattributes.js';
import type { ExportedScript } from '../../src/export/render.js';

function exported(contentFile: string, content: string): ExportedScript {
  const name = contentFile.replace(/\..*$/, '');
  return {
    name,
    uuid: 'U',
    yamlFile: `${name}.yaml`,
    yamlText: '',
    contentFile,
    content,
    envVariables: [],
    warnings: [],
  };
}

describe('gitattributesLines', () => {
  it.each([
    { name: 'no CRLF content', files: [exported('a.sh', 'x\n')], folder: 'coc-scripts', lines: [] },
    {
      name: 'batch files by extension, once',
      files: [exported('a.bat', 'x\r\n'), exported('b.BAT', 'y\r\n')],
      folder: 'coc-scripts',
      lines: ['coc-scripts/**/*.bat text eol=crlf'],
    },
    {
      name: 'a CRLF shell script by its exact path',
      files: [exported('a.sh', 'x\r\n'), exported('b.sh', 'y\n')],
      folder: 'ops/scripts',
      lines: ['ops/scripts/a.sh text eol=crlf'],
    },
    {
      name: 'the current folder',
      files: [exported('a.bat', 'x\r\n')],
      folder: '.',
      lines: ['**/*.bat text eol=crlf'],
    },
  ])('$name', ({ files, folder, lines }) => {
    expect(gitattributesLines(files, folder)).toEqual(lines);
  });

  it('lists the CRLF files', () => {
    expect(crlfContentFiles([exported('a.bat', 'x\r\n'), exported('b.sh', 'y\n')])).toEqual(['a.bat']);
  });
});
